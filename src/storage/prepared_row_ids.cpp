// Engine::PreparedRowIdEnd (engine.hpp): hidden row ids that prepared transactions hold.
//
// A prepared transaction's rows are not in the database until COMMIT PREPARED, so after a restart
// the largest stored row id of a table can be below the ids a recovered prepared transaction
// wrote; NextRowId must not give those out again (an INSERT would write the same key, without a
// row lock: access/table_writer.cpp, and COMMIT PREPARED would then overwrite its row).
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/batch_keys.hpp"
#include "storage/engine.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

uint64_t Engine::PreparedRowIdEnd(const std::string& table_prefix) {
  uint32_t cf = cf_->GetID();
  std::lock_guard<std::mutex> lock(root_->prepared_mu_);
  uint64_t end = 0;
  for (const auto& [gid, p] : root_->prepared_) {
    if (!p.txn) continue;
    BatchKeys batch;
    ThrowIfError(p.txn->GetWriteBatch()->GetWriteBatch()->Iterate(&batch));
    for (const auto& [family, key] : batch.keys) {
      if (family != cf || key.size() != table_prefix.size() + 8 || key.compare(0, table_prefix.size(), table_prefix) != 0) {
        continue;
      }
      uint64_t id = 0;
      for (size_t i = 0; i < 8; i++) id = (id << 8) | static_cast<uint8_t>(key[table_prefix.size() + i]);
      end = std::max(end, id + 1);
    }
  }
  return end;
}

}  // namespace kanto::storage

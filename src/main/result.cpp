#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "catalog/system_tables.hpp"
#include "function/cast.hpp"
#include "main/result_impl.hpp"

namespace kanto {

ColumnInfo ResultColumn(const std::string& name, const LogicalType& type) {
  return {name, type.oid(), type.typmod(), type.ToString(), system_tables::TypeLength(type)};
}

void ResultImpl::AddChunk(DataChunk chunk) {
  if (chunk.size() == 0) return;
  starts_.push_back(total_rows_);
  total_rows_ += chunk.size();
  chunks.push_back(std::move(chunk));
}

const Vector& ResultImpl::Cell(size_t row, size_t col, size_t* offset) const {
  if (row >= total_rows_ || col >= columns.size()) throw std::out_of_range("result cell out of range");
  auto it = std::upper_bound(starts_.begin(), starts_.end(), row);
  size_t idx = static_cast<size_t>(it - starts_.begin()) - 1;
  *offset = row - starts_[idx];
  return chunks[idx].column(col);
}

namespace {
// A default-made QueryResult (an out-parameter about to be assigned, mostly) holds no ResultImpl:
// making one per result cost two allocations and a FunctionContext. It reads as an empty result.
const ResultImpl& Of(const std::unique_ptr<ResultImpl>& impl) {
  static const ResultImpl kEmpty;
  return impl ? *impl : kEmpty;
}
}  // namespace

QueryResult::QueryResult() = default;
QueryResult::QueryResult(Error error) : impl_(std::make_unique<ResultImpl>()), error_(std::make_unique<Error>(std::move(error))) {}
QueryResult::QueryResult(std::unique_ptr<ResultImpl> impl) : impl_(std::move(impl)) {}
QueryResult::QueryResult(QueryResult&&) noexcept = default;
QueryResult& QueryResult::operator=(QueryResult&&) noexcept = default;
QueryResult::~QueryResult() = default;

const std::string& QueryResult::command_tag() const { return Of(impl_).tag; }

const std::vector<Error>& QueryResult::notices() const {
  static const std::vector<Error> kNone;
  return impl_ ? impl_->notices : kNone;
}
uint64_t QueryResult::rows_affected() const { return Of(impl_).rows_affected; }
bool QueryResult::has_rows() const { return Of(impl_).has_rows; }
bool QueryResult::is_streaming() const { return impl_ && impl_->streaming; }
bool QueryResult::copy_in_pending() const { return impl_ && impl_->copy_in; }
bool QueryResult::is_copy_out() const { return impl_ && impl_->copy_out; }
bool QueryResult::is_copy_binary() const { return impl_ && impl_->copy_binary; }
const std::string& QueryResult::copy_data() const { return Of(impl_).copy_data; }
size_t QueryResult::column_count() const { return Of(impl_).columns.size(); }
const ColumnInfo& QueryResult::column(size_t col) const { return Of(impl_).columns.at(col); }
size_t QueryResult::row_count() const { return Of(impl_).row_count(); }

bool QueryResult::IsNull(size_t row, size_t col) const {
  size_t off;
  return Of(impl_).Cell(row, col, &off).IsNull(off);
}

std::string QueryResult::GetText(size_t row, size_t col) const {
  size_t off;
  const Vector& v = Of(impl_).Cell(row, col, &off);
  if (v.IsNull(off)) return "";
  return VectorValueToText(v, off, Of(impl_).fn);
}

std::string_view QueryResult::GetTextView(size_t row, size_t col, std::string* scratch) const {
  size_t off;
  const Vector& v = Of(impl_).Cell(row, col, &off);
  if (v.IsNull(off)) return {};
  return VectorValueTextView(v, off, Of(impl_).fn, scratch);
}

int64_t QueryResult::GetInt64(size_t row, size_t col) const {
  size_t off;
  const Vector& v = Of(impl_).Cell(row, col, &off);
  if (v.IsNull(off)) return 0;
  switch (v.type().physical()) {
    case PhysicalType::kInt64: return v.ints()[off];
    case PhysicalType::kDouble: {
      double d = v.doubles()[off];
      if (std::isnan(d)) return 0;
      if (d >= 9.2e18) return INT64_MAX;
      if (d <= -9.2e18) return INT64_MIN;
      return static_cast<int64_t>(d);
    }
    case PhysicalType::kNumeric: {
      try {
        return v.numerics()[off].Trunc(0).ToInt64();
      } catch (...) {
        return 0;
      }
    }
    default: {
      std::string s = VectorValueToText(v, off, Of(impl_).fn);
      char* end = nullptr;
      long long x = std::strtoll(s.c_str(), &end, 10);
      return end == s.c_str() ? 0 : x;
    }
  }
}

double QueryResult::GetDouble(size_t row, size_t col) const {
  size_t off;
  const Vector& v = Of(impl_).Cell(row, col, &off);
  if (v.IsNull(off)) return 0;
  switch (v.type().physical()) {
    case PhysicalType::kInt64: return static_cast<double>(v.ints()[off]);
    case PhysicalType::kDouble: return v.doubles()[off];
    case PhysicalType::kNumeric: return v.numerics()[off].ToDouble();
    default: {
      std::string s = VectorValueToText(v, off, Of(impl_).fn);
      return std::strtod(s.c_str(), nullptr);
    }
  }
}

bool QueryResult::GetBool(size_t row, size_t col) const { return GetInt64(row, col) != 0; }

}  // namespace kanto

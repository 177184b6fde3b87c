// Comments (COMMENT ON): the Catalog's map of them and their record format. One record per described
// object id holds the comments on the object and on its columns (see docs/storage-format.md).
// Comments on roles are not here: roles are shared by the databases, and so are their comments,
// kept in the role's own record (RoleEntry::comment).
#include <algorithm>

#include "catalog/catalog.hpp"
#include "catalog/dependency.hpp"
#include "common/binary_io.hpp"
#include "kanto/error.hpp"

namespace kanto {

const std::string* Catalog::FindComment(const ObjectAddress& object) const {
  if (object.class_id == kPgAuthidOid) {
    const RoleEntry* role = GetRole(object.object_id);
    return role && !role->comment.empty() ? &role->comment : nullptr;
  }
  auto it = comments_.find(object.object_id);
  if (it == comments_.end()) return nullptr;
  for (const CommentEntry& c : it->second) {
    if (c.object == object) return &c.text;
  }
  return nullptr;
}

void Catalog::SetComment(const ObjectAddress& object, std::string text) {
  std::vector<CommentEntry> list = CommentsOf(object.object_id);
  std::erase_if(list, [&](const CommentEntry& c) { return c.object == object; });
  if (!text.empty()) {
    list.push_back({object, std::move(text)});
    std::sort(list.begin(), list.end(), [](const CommentEntry& a, const CommentEntry& b) { return a.object < b.object; });
  }
  SetComments(object.object_id, std::move(list));
}

std::vector<CommentEntry> Catalog::CommentsOf(uint32_t object_id) const {
  auto it = comments_.find(object_id);
  return it == comments_.end() ? std::vector<CommentEntry>{} : it->second;
}

void Catalog::SetComments(uint32_t object_id, std::vector<CommentEntry> comments) {
  if (comments.empty()) {
    comments_.erase(object_id);
  } else {
    comments_[object_id] = std::move(comments);
  }
}

std::vector<const CommentEntry*> Catalog::Comments() const {
  std::vector<const CommentEntry*> out;
  for (const auto& [id, list] : comments_) {
    for (const CommentEntry& c : list) out.push_back(&c);
  }
  return out;
}

// A version byte, the count, then (class, id, sub, text) of each comment.
std::string Catalog::SerializeComments(const std::vector<CommentEntry>& comments) {
  BinaryWriter w;
  w.U8(1);
  w.U32(static_cast<uint32_t>(comments.size()));
  for (const CommentEntry& c : comments) {
    w.U32(c.object.class_id);
    w.U32(c.object.object_id);
    w.I32(c.object.sub_id);
    w.Str(c.text);
  }
  return w.Release();
}

std::vector<CommentEntry> Catalog::DeserializeComments(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown comment record version");
  uint32_t n = r.U32();
  std::vector<CommentEntry> out;
  for (uint32_t i = 0; i < n; i++) {
    CommentEntry c;
    c.object.class_id = r.U32();
    c.object.object_id = r.U32();
    c.object.sub_id = r.I32();
    c.text = r.Str();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kanto

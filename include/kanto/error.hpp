// kanto::Error: the one error type. It carries a PostgreSQL SQLSTATE and the message as PostgreSQL
// words it. The engine throws it internally; the public API hands it back inside results.
#pragma once

#include <exception>
#include <string>
#include <utility>

namespace kanto {

namespace sqlstate {
inline constexpr const char* kSuccess = "00000";
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kSyntaxError = "42601";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kUndefinedFunction = "42883";
inline constexpr const char* kUndefinedObject = "42704";
inline constexpr const char* kInvalidSchemaName = "3F000";
inline constexpr const char* kDuplicateTable = "42P07";
inline constexpr const char* kDuplicateSchema = "42P06";
inline constexpr const char* kDuplicateColumn = "42701";
inline constexpr const char* kDuplicateObject = "42710";
inline constexpr const char* kReservedName = "42939";
inline constexpr const char* kInsufficientPrivilege = "42501";
inline constexpr const char* kObjectInUse = "55006";
inline constexpr const char* kAmbiguousColumn = "42702";
inline constexpr const char* kAmbiguousFunction = "42725";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kCannotCoerce = "42846";
inline constexpr const char* kGroupingError = "42803";
inline constexpr const char* kWindowingError = "42P20";
inline constexpr const char* kInvalidRecursion = "42P19";
inline constexpr const char* kProgramLimitExceeded = "54000";
inline constexpr const char* kStatementTooComplex = "54001";
inline constexpr const char* kTooManyArguments = "54023";
inline constexpr const char* kInvalidColumnReference = "42P10";
inline constexpr const char* kUndefinedParameter = "42P02";
inline constexpr const char* kIndeterminateDatatype = "42P18";
inline constexpr const char* kInvalidTableDefinition = "42P16";
inline constexpr const char* kInvalidObjectDefinition = "42P17";
inline constexpr const char* kWrongObjectType = "42809";
inline constexpr const char* kDependentObjectsStillExist = "2BP01";
inline constexpr const char* kNumericValueOutOfRange = "22003";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kInvalidTextRepresentation = "22P02";
inline constexpr const char* kUntranslatableCharacter = "22P05";
inline constexpr const char* kStringDataRightTruncation = "22001";
inline constexpr const char* kDatetimeFieldOverflow = "22008";
inline constexpr const char* kInvalidDatetimeFormat = "22007";
inline constexpr const char* kInvalidParameterValue = "22023";
inline constexpr const char* kInvalidTablesampleArgument = "2202H";
inline constexpr const char* kInvalidPrecedingOrFollowingSize = "22013";
inline constexpr const char* kNullValueNotAllowed = "22004";
inline constexpr const char* kInvalidArgumentForNtile = "22014";
inline constexpr const char* kInvalidArgumentForNthValue = "22016";
inline constexpr const char* kInvalidEscapeSequence = "22025";
inline constexpr const char* kInvalidUseOfEscapeCharacter = "2200C";
inline constexpr const char* kInvalidRegularExpression = "2201B";
inline constexpr const char* kSubstringError = "22011";
inline constexpr const char* kCardinalityViolation = "21000";
inline constexpr const char* kCharacterNotInRepertoire = "22021";
inline constexpr const char* kInvalidRowCountInLimit = "2201W";
inline constexpr const char* kInvalidRowCountInOffset = "2201X";
inline constexpr const char* kNotNullViolation = "23502";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kForeignKeyViolation = "23503";
inline constexpr const char* kInvalidForeignKey = "42830";
inline constexpr const char* kCheckViolation = "23514";
inline constexpr const char* kInFailedTransaction = "25P02";
inline constexpr const char* kActiveTransaction = "25001";
inline constexpr const char* kNoActiveTransaction = "25P01";
inline constexpr const char* kReadOnlyTransaction = "25006";
inline constexpr const char* kInvalidTransactionState = "25000";
inline constexpr const char* kSavepointException = "3B001";
inline constexpr const char* kSerializationFailure = "40001";
inline constexpr const char* kDeadlockDetected = "40P01";
inline constexpr const char* kLockNotAvailable = "55P03";
inline constexpr const char* kObjectNotInPrerequisiteState = "55000";
inline constexpr const char* kSequenceGeneratorLimitExceeded = "2200H";
inline constexpr const char* kGeneratedAlways = "428C9";
inline constexpr const char* kQueryCanceled = "57014";
inline constexpr const char* kBadCopyFileFormat = "22P04";
inline constexpr const char* kOutOfMemory = "53200";
inline constexpr const char* kTooManyConnections = "53300";
inline constexpr const char* kProtocolViolation = "08P01";
inline constexpr const char* kInvalidPassword = "28P01";
inline constexpr const char* kInvalidAuthorization = "28000";
inline constexpr const char* kInvalidCatalogName = "3D000";
inline constexpr const char* kUndefinedPreparedStatement = "26000";
inline constexpr const char* kDuplicatePreparedStatement = "42P05";
inline constexpr const char* kCantChangeRuntimeParam = "55P02";
inline constexpr const char* kActiveSqlTransaction = "25001";
inline constexpr const char* kInvalidCursorName = "34000";
inline constexpr const char* kDuplicateCursor = "42P03";
inline constexpr const char* kDataCorrupted = "XX001";
inline constexpr const char* kInternalError = "XX000";
inline constexpr const char* kIoError = "58030";
}  // namespace sqlstate

class Error : public std::exception {
 public:
  Error(std::string sqlstate, std::string message)
      : sqlstate_(std::move(sqlstate)), message_(std::move(message)) {}

  const char* what() const noexcept override { return message_.c_str(); }

  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& message() const { return message_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  // 1-based character position in the statement text, 0 when unknown (PostgreSQL's "P" field).
  int position() const { return position_; }

  Error& WithDetail(std::string d) { detail_ = std::move(d); return *this; }
  Error& WithHint(std::string h) { hint_ = std::move(h); return *this; }
  Error& WithPosition(int p) { position_ = p; return *this; }

 private:
  std::string sqlstate_;
  std::string message_;
  std::string detail_;
  std::string hint_;
  int position_ = 0;
};

}  // namespace kanto

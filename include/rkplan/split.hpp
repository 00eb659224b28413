#pragma once
/// \file split.hpp
/// Cutting a history's TOML text into parts that parse alone, so that the loader never
/// holds the whole parsed document: a long history is parsed a few kilobytes at a time,
/// and its time grows with its length, not faster (docs/manual/history-file.md is unchanged by this).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rkplan {

/// Whole lines of a text: the bytes [begin, end), the first of them on 1-based line `line`.
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    int line = 1;
    bool operator==(const TextSpan&) const = default;
};

/// A TOML text cut at the headers of its arrays of tables named in `entry_names`.
struct TomlSplit {
    /// Everything outside those arrays, in order: read together, these spans are a
    /// document without any of the entry names at its root.
    std::vector<TextSpan> head;
    /// The entries: each span starts with a `[[name]]` header and holds whole entries,
    /// with their sub-tables; spans are cut only between entries, once they reach
    /// `batch_bytes`. Each parses alone, and the entries of all spans, in order, are the
    /// document's.
    std::vector<TextSpan> batches;
    bool operator==(const TomlSplit&) const = default;
};

/// The text of `span`.
inline std::string_view span_text(std::string_view text, const TextSpan& span) {
    return text.substr(span.begin, span.end - span.begin);
}

/// The texts of `spans` put together, in order: the head to parse.
std::string joined_text(std::string_view text, const std::vector<TextSpan>& spans);

/// Splits `text` at the top-level `[[name]]` headers of `entry_names`, following TOML's
/// strings (basic, literal, multi-line), comments and brackets. Returns nullopt when the
/// text cannot be split without changing its meaning or its errors — unbalanced brackets,
/// an unterminated string, a `[name.sub]` header away from its entry, no entries at all,
/// or `batch_bytes` 0 — and the caller parses the whole text. The spans promise nothing
/// about validity: the caller parses each, and on any parse error parses the whole text.
std::optional<TomlSplit> split_toml_entries(std::string_view text, const std::vector<std::string_view>& entry_names,
                                            std::size_t batch_bytes);

}  // namespace rkplan

#include <doctest/doctest.h>

#include "rkplan/diagnostic.hpp"
#include "rkplan/text.hpp"

using namespace rkplan;

TEST_CASE("display_text shows control characters escaped and leaves other text alone") {
    CHECK(display_text("Sam\x1b[2J\x1b]0;pwned\x07") == "Sam\\u001B[2J\\u001B]0;pwned\\u0007");
    CHECK(display_text("a\tb\nc\rd\x7f") == "a\\tb\\nc\\rd\\u007F");
    CHECK(display_text("a\tb", Tabs::keep) == "a\tb");
    // C1 controls (U+009B is CSI) and bidirectional formatting characters.
    CHECK(display_text("\xc2\x9b" "31m") == "\\u009B31m");
    CHECK(display_text("x\xe2\x80\xae" "evil\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f") == "x\\u202Eevil\\u2066\\u061C\\u200F");
    // Bytes that are not UTF-8: shown as \xNN, one by one.
    CHECK(display_text("Sam\xff\xc3") == "Sam\\xFF\\xC3");
    CHECK(display_text("\xed\xa0\x80") == "\\xED\\xA0\\x80");  // a surrogate
    // Accents, dashes, no-break spaces, emoji and backslashes are text.
    CHECK(display_text("Zoë – 5\xc2\xa0km \\n \xf0\x9f\x8f\x83") == "Zoë – 5\xc2\xa0km \\n \xf0\x9f\x8f\x83");
}

TEST_CASE("quote_escaped writes control and bidirectional characters as \\u escapes JSON and TOML read back") {
    CHECK(quote_escaped("Sam\x1b[2J\x07") == "\"Sam\\u001b[2J\\u0007\"");
    CHECK(quote_escaped("a\"b\\c\nd\te") == "\"a\\\"b\\\\c\\nd\\te\"");
    CHECK(quote_escaped("\xc2\x85 \xe2\x80\xae Zoë") == "\"\\u0085 \\u202e Zoë\"");
}

TEST_CASE("decode_utf8 reads one character and refuses what is not UTF-8") {
    CHECK(decode_utf8("A", 0)->code == U'A');
    auto e = decode_utf8("\xe2\x80\xae", 0);
    REQUIRE(e);
    CHECK(e->code == 0x202E);
    CHECK(e->length == 3);
    CHECK(decode_utf8("\xf0\x9f\x8f\x83", 0)->code == 0x1F3C3);
    CHECK_FALSE(decode_utf8("\xc0\xaf", 0));          // overlong
    CHECK_FALSE(decode_utf8("\xe0\x80\xaf", 0));      // overlong
    CHECK_FALSE(decode_utf8("\xf4\x90\x80\x80", 0));  // past U+10FFFF
    CHECK_FALSE(decode_utf8("\xe2\x80", 0));          // cut short
    CHECK_FALSE(decode_utf8("\x80", 0));              // a lone continuation byte
}

TEST_CASE("display_width counts terminal columns") {
    CHECK(display_width("plan") == 4);
    CHECK(display_width("Zoë") == 3);
    CHECK(display_width("e\xcc\x81") == 1);  // e + combining acute
    CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // two CJK characters
    CHECK(display_width("\\u001B") == 6);
}

TEST_CASE("a diagnostic's excerpt shows control characters escaped, with the caret under the column") {
    std::string text = "[runner]\nname = \"\x1b[2J\x01x";
    auto out = format_diagnostics("t.toml", text, {{{2, 14}, "bad", ""}});
    CHECK(out ==
          "t.toml:2:14: error: bad\n"
          "    2 | name = \"\\u001B[2J\\u0001x\n"
          "      | " + std::string(23, ' ') + "^\n");
}

TEST_CASE("other_unicode_encoding tells UTF-16 and UTF-32 by their mark or their NUL bytes") {
    using namespace std::string_view_literals;
    CHECK(other_unicode_encoding("\xFF\xFE#\0"sv) == "UTF-16 (little-endian)");
    CHECK(other_unicode_encoding("\xFE\xFF\0#"sv) == "UTF-16 (big-endian)");
    CHECK(other_unicode_encoding("\xFF\xFE\0\0#\0\0\0"sv) == "UTF-32 (little-endian)");
    CHECK(other_unicode_encoding("\0\0\xFE\xFF"sv) == "UTF-32 (big-endian)");
    CHECK(other_unicode_encoding("[\0r\0"sv) == "UTF-16 (little-endian)");
    CHECK(other_unicode_encoding("\0[\0r"sv) == "UTF-16 (big-endian)");
    CHECK(other_unicode_encoding("#\0"sv) == "UTF-16 (little-endian)");
    CHECK(other_unicode_encoding("[\0\0\0"sv) == "UTF-32 (little-endian)");
    CHECK(other_unicode_encoding("\0\0\0["sv) == "UTF-32 (big-endian)");
    CHECK(other_unicode_encoding("[runner]\n").empty());
    CHECK(other_unicode_encoding("\xEF\xBB\xBF[runner]").empty());  // UTF-8 with its mark
    CHECK(other_unicode_encoding("#").empty());
    CHECK(other_unicode_encoding("").empty());
}

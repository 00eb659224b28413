#include <doctest/doctest.h>

#include <cmath>
#include <limits>

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

TEST_CASE("round_to rounds half away from zero of v times the power of ten") {
    CHECK(round_to(2.5, 0) == 3.0);
    CHECK(round_to(-2.5, 0) == -3.0);
    CHECK(round_to(3.5, 0) == 4.0);
    CHECK(round_to(0.125, 2) == 0.13);
    CHECK(round_to(-0.125, 2) == -0.13);
    CHECK(round_to(1.005, 2) == 1.0);  // 1.005 is 1.00499999999999989... as a double
    CHECK(round_to(12.34, 1) == 12.3);
    CHECK(std::signbit(round_to(-0.004, 2)));  // -0: format_trimmed and format_fixed drop the sign
}

TEST_CASE("format_shortest writes the shortest text that reads back as the same double") {
    CHECK(format_shortest(5) == "5");
    CHECK(format_shortest(0) == "0");
    CHECK(format_shortest(-0.0) == "-0");
    CHECK(format_shortest(2.5) == "2.5");
    CHECK(format_shortest(-3.75) == "-3.75");
    CHECK(format_shortest(0.1) == "0.1");
    CHECK(format_shortest(0.1 + 0.2) == "0.30000000000000004");
    CHECK(format_shortest(1.1 * 1.1) == "1.2100000000000002");
    CHECK(format_shortest(123456789.125) == "123456789.125");
    CHECK(format_shortest(1e15) == "1000000000000000");
    CHECK(format_shortest(1e16) == "1e+16");
    CHECK(format_shortest(1.5e300) == "1.5e+300");
    CHECK(format_shortest(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
    CHECK(format_shortest(0.0001) == "0.0001");
    CHECK(format_shortest(0.00001) == "1e-05");
    CHECK(format_shortest(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(format_shortest(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(format_shortest(std::numeric_limits<double>::quiet_NaN()) == "nan");
    CHECK(format_shortest(-std::numeric_limits<double>::quiet_NaN()) == "-nan");
}

TEST_CASE("format_trimmed rounds, then drops trailing zeros and the sign of zero") {
    CHECK(format_trimmed(3, 2) == "3");
    CHECK(format_trimmed(2.5, 2) == "2.5");
    CHECK(format_trimmed(2.25, 2) == "2.25");
    CHECK(format_trimmed(1 / 3.0, 2) == "0.33");
    CHECK(format_trimmed(2 / 3.0, 2) == "0.67");
    CHECK(format_trimmed(0.125, 2) == "0.13");
    CHECK(format_trimmed(-0.125, 2) == "-0.13");
    CHECK(format_trimmed(1.005, 2) == "1");
    CHECK(format_trimmed(2.5, 0) == "3");
    CHECK(format_trimmed(-2.5, 0) == "-3");
    CHECK(format_trimmed(299.96, 1) == "300");
    CHECK(format_trimmed(-0.004, 2) == "0");
    CHECK(format_trimmed(-0.0, 1) == "0");
    CHECK(format_trimmed(1.1 * 1.1, 2) == "1.21");
    CHECK(format_trimmed(1234567.891, 2) == "1234567.89");
    CHECK(format_trimmed(1e16, 2) == "1e+16");
}

TEST_CASE("format_fixed writes exactly the given places, without a negative zero") {
    CHECK(format_fixed(12.345) == "12.3");  // one place by default
    CHECK(format_fixed(2.5, 2) == "2.50");
    CHECK(format_fixed(3, 1) == "3.0");
    CHECK(format_fixed(3, 0) == "3");
    CHECK(format_fixed(2.5, 0) == "3");  // halves away from zero, not to even
    CHECK(format_fixed(3.5, 0) == "4");
    CHECK(format_fixed(-2.5, 0) == "-3");
    CHECK(format_fixed(0.125, 2) == "0.13");
    CHECK(format_fixed(0.25, 1) == "0.3");  // fmt's "{:.1f}" gives "0.2"
    CHECK(format_fixed(-0.05, 1) == "-0.1");
    CHECK(format_fixed(-0.04, 1) == "0.0");
    CHECK(format_fixed(-0.0, 2) == "0.00");
    CHECK(format_fixed(1.1 * 1.1, 1) == "1.2");
    CHECK(format_fixed(1234567.891, 2) == "1234567.89");
    CHECK(format_fixed(1e16, 1) == "10000000000000000.0");
}

TEST_CASE("format_distinct adds a place where it changes the value") {
    CHECK(format_distinct(0.7) == "0.7");
    CHECK(format_distinct(0.75) == "0.75");
    CHECK(format_distinct(0.749, 1) == "0.75");
    CHECK(format_distinct(1.1 * 1.1) == "1.21");
    CHECK(format_distinct(22) == "22.0");
    CHECK(format_distinct(10, 0) == "10");
    CHECK(format_distinct(10.04, 0) == "10");
    CHECK(format_distinct(10.1, 0) == "10.1");
    CHECK(format_distinct(9.96, 0) == "10");  // 10 and 10.0 alike
    CHECK(format_distinct(2.5, 0) == "2.5");
    CHECK(format_distinct(-0.04, 1) == "-0.04");
    CHECK(format_distinct(-0.001, 1) == "0.0");
    CHECK(format_distinct(1234567.891, 1) == "1234567.89");
}

TEST_CASE("format_decimal writes at most 3 places and always reads as a float") {
    CHECK(format_decimal(20) == "20.0");
    CHECK(format_decimal(0) == "0.0");
    CHECK(format_decimal(-0.0) == "0.0");
    CHECK(format_decimal(-0.0004) == "0.0");
    CHECK(format_decimal(0.0005) == "0.001");
    CHECK(format_decimal(-0.0005) == "-0.001");
    CHECK(format_decimal(2.5) == "2.5");
    CHECK(format_decimal(-7.25) == "-7.25");
    CHECK(format_decimal(1 / 3.0) == "0.333");
    CHECK(format_decimal(2 / 3.0) == "0.667");
    CHECK(format_decimal(1.1 * 1.1) == "1.21");
    CHECK(format_decimal(123456.7894) == "123456.789");
    CHECK(format_decimal(1e16) == "1e+16");
}

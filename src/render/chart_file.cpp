#include "rkplan/chart_file.hpp"

#include <array>
#include <cstdint>

namespace rkplan {

namespace {

constexpr std::string_view png_signature = "\x89PNG\r\n\x1a\n";
constexpr std::size_t chunk_overhead = 12;  // length, type, CRC

std::uint32_t read_u32(std::string_view s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(s[at + k]);
    return v;
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

// CRC-32 as PNG (ISO 3309) computes it, over a chunk's type and data.
std::uint32_t crc32(std::string_view bytes) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[i]) return false;
    }
    return true;
}

// A PNG whose chunks before its image data include tEXt "Software" = png_chart_software.
bool is_rkplan_png(std::string_view head) {
    std::size_t at = png_signature.size();
    while (at + chunk_overhead <= head.size()) {
        std::size_t length = read_u32(head, at);
        auto type = head.substr(at + 4, 4);
        if (type == "IDAT" || type == "IEND" || length > head.size() - at - chunk_overhead) return false;
        if (type == "tEXt" && head.substr(at + 8, length) == std::string("Software\0", 9) + std::string(png_chart_software))
            return true;
        at += chunk_overhead + length;
    }
    return false;
}

}  // namespace

std::optional<ChartFormat> chart_format_for(std::string_view path) {
    auto name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
    if (name.size() <= 4) return std::nullopt;  // ".svg" alone is a hidden file's name
    if (ends_with_ci(name, ".svg")) return ChartFormat::svg;
    if (ends_with_ci(name, ".png")) return ChartFormat::png;
    return std::nullopt;
}

bool is_rkplan_chart(std::string_view head) {
    if (head.starts_with(png_signature)) return is_rkplan_png(head);
    // The mark comes right after the XML declaration; older charts said so in their <desc>.
    auto start = head.substr(0, 4096);
    return start.find(svg_chart_mark) != std::string_view::npos ||
           (start.find("<svg") != std::string_view::npos && start.find("Made by rkplan") != std::string_view::npos);
}

std::string png_with_text(std::string_view png, std::string_view keyword, std::string_view text) {
    constexpr std::size_t ihdr_end = 8 + chunk_overhead + 13;
    if (!png.starts_with(png_signature) || png.size() < ihdr_end || png.substr(12, 4) != "IHDR" ||
        read_u32(png, 8) != 13)
        return std::string(png);
    std::string data = std::string("tEXt") + std::string(keyword) + '\0' + std::string(text);
    std::string out(png.substr(0, ihdr_end));
    put_u32(out, static_cast<std::uint32_t>(data.size() - 4));
    out += data;
    put_u32(out, crc32(data));
    out += png.substr(ihdr_end);
    return out;
}

}  // namespace rkplan

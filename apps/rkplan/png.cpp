#include "png.hpp"

#include <memory>

#include <cairo.h>
#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include "io.hpp"
#include "rkplan/chart_file.hpp"

namespace rkplan::cli {

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

[[noreturn]] void fail(std::string_view step, GError* error) {
    std::string why = error ? error->message : "unknown error";
    if (error) g_error_free(error);
    throw EnvironmentError(fmt::format("cannot draw the PNG: {}: {}", step, why));
}

}  // namespace

std::string render_png(std::string_view svg, int width, int height) {
    GError* error = nullptr;
    std::unique_ptr<RsvgHandle, decltype(&g_object_unref)> handle(
        rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error), &g_object_unref);
    if (!handle) fail("reading the SVG", error);
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width * png_scale, height * png_scale), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    RsvgRectangle viewport{0, 0, static_cast<double>(width * png_scale), static_cast<double>(height * png_scale)};
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) fail("drawing the SVG", error);
    cairo_surface_flush(surface.get());
    std::string png;
    if (cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png) != CAIRO_STATUS_SUCCESS)
        throw EnvironmentError("cannot draw the PNG: cairo could not encode it");
    return png_with_text(png, "Software", png_chart_software);
}

}  // namespace rkplan::cli

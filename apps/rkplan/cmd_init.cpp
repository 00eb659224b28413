// `rkplan init [FILE]`: a commented history template, never over an existing file.
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
#include "rkplan/templates.hpp"

namespace rkplan::cli {

namespace {

class InitCommand final : public Handler {
public:
    explicit InitCommand(Command& init) {
        init.option("FILE", file_, "Where to write it; standard output if omitted");
        init.footer("Exit status: 0 the template is written; 2 a usage error, or FILE exists or cannot be written.");
    }

    int run(const Context&) override {
        if (file_.empty() || file_ == "-") {
            write_stdout(std::string(history_template()));
        } else {
            write_new_file(file_, history_template());
            say(fmt::format("wrote {0}; edit it, then run 'rkplan plan {0}'", file_));
        }
        return Exit::ok;
    }

private:
    std::string file_;
};

}  // namespace

std::unique_ptr<Handler> declare_init(Command& command) { return std::make_unique<InitCommand>(command); }

}  // namespace rkplan::cli

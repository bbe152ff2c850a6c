// The command tree: the CLI11 app read into plain data (cli/command_tree.hpp)
// once every command is registered, and the commands that print what is
// made from it: `charter completion bash|zsh` and `charter man`.

#include "cli/command_tree.hpp"

#include <memory>
#include <string>
#include <utility>

#include "cli/command_line.hpp"
#include "cli/output.hpp"

#ifndef CHARTER_VERSION
#define CHARTER_VERSION "unknown"
#endif

namespace charter::cli {

bool option_info::takes_file() const {
  return value == "FILE" || value == "PATH" ||
         value.find(".json") != std::string::npos;
}

std::vector<const command_info*> all_commands(const command_info& root) {
  std::vector<const command_info*> out{&root};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& c : out[i]->commands) out.push_back(&c);
  return out;
}

namespace {

// `FORMAT:{text,json}` (one_of's description after the type's name) is
// FORMAT, with the choices text and json.
void read_type(const CLI::Option& opt, option_info& info) {
  std::string type = opt.get_type_name();
  if (auto brace = type.find(":{");
      brace != std::string::npos && type.back() == '}') {
    std::string list = type.substr(brace + 2, type.size() - brace - 3);
    type.erase(brace);
    for (std::size_t start = 0; start <= list.size();) {
      auto comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      info.choices.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  } else if (auto colon = type.find(':'); colon != std::string::npos) {
    type.erase(colon);
  }
  info.value = type;
}

command_info read_command(const CLI::App& app, const std::string& path) {
  command_info c;
  c.name = app.get_name();
  c.path = path;
  c.help = app.get_description();
  c.group = app.get_group();
  c.footer = app.get_footer();
  for (const auto* opt : app.get_options()) {
    option_info o;
    o.help = opt->get_description();
    o.required = opt->get_required();
    if (opt->nonpositional()) {
      for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
      for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
      if (opt->get_type_size_max() != 0) read_type(*opt, o);
      c.options.push_back(std::move(o));
    } else {
      o.names.push_back(opt->get_name());
      read_type(*opt, o);
      if (o.value.empty()) o.value = opt->get_name();
      o.many = opt->get_items_expected_max() > 1;
      c.positionals.push_back(std::move(o));
    }
  }
  for (const auto* sub :
       app.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_name().empty())
      c.commands.push_back(read_command(
          *sub, path.empty() ? sub->get_name() : path + " " + sub->get_name()));
  return c;
}

}  // namespace

command_info describe_commands(const CLI::App& root) {
  return read_command(root, "");
}

void add_shell_commands(registrar& r) {
  auto shell = std::make_shared<std::string>();
  auto* completion = r.root.add_subcommand(
      "completion", "Print a script that completes charter's commands");
  completion->group("Help");
  completion->add_option("SHELL", *shell, "bash or zsh")
      ->required()
      ->type_name("SHELL")
      ->check(one_of({"bash", "zsh"}));
  add_output_options(completion, r.s);
  completion->footer(
      examples({"source <(charter completion bash)",
                "charter completion bash > "
                "~/.local/share/bash-completion/completions/charter",
                "charter completion zsh > \"${fpath[1]}/_charter\""}) +
      "\nMade from the commands and options of this charter: every "
      "subcommand, option\n"
      "and fixed list of values (--format), and file names where a FILE is "
      "asked for.");
  r.commands.add(completion, [&root = r.root, shell] {
    const auto tree = describe_commands(root);
    write_output(*shell == "zsh" ? zsh_completion(tree) : bash_completion(tree),
                 "-");
    return exit_ok;
  });

  auto file = std::make_shared<std::string>("-");
  auto* man =
      r.root.add_subcommand("man", "Print the manual page charter(1), in roff");
  man->group("Help");
  man->add_option("-o,--output", *file,
                  "Where to write it; - for standard output (the default)")
      ->type_name("FILE");
  add_output_options(man, r.s);
  man->footer(examples({"charter man | man -l -", "charter man -o charter.1"}) +
              "\nThe same page is installed as share/man/man1/charter.1.");
  r.commands.add(man, [&root = r.root, file] {
    write_output(man_page(describe_commands(root), CHARTER_VERSION), *file);
    return exit_ok;
  });
}

}  // namespace charter::cli

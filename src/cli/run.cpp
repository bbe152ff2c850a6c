// The `charter` program's work: parse the command line, run the command,
// and turn every failure into a message on stderr and exit code 2 (75 when
// another writer held the database past --busy-timeout).
#include "cli/run.hpp"

#include <charter/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>

#include "cli/command_line.hpp"
#include "cli/output.hpp"
#include "cli/suggest.hpp"

#ifndef CHARTER_VERSION
#define CHARTER_VERSION "unknown"
#endif

namespace charter::cli {
namespace {

// `text` with its control characters (but line breaks and tabs) written as
// JSON escapes, \u0000: an id or name from a file may hold any of them, and
// a terminal must not receive them raw. The C1 controls too (U+0080 to
// U+009F, two bytes in UTF-8): U+009B is CSI, which some terminals read as
// ESC [.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next =
        i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) {
      out += fmt::format("\\u{:04x}", byte);
    } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
      out += fmt::format("\\u{:04x}", next);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// An error: `charter: COMMAND: message` (the prefix in red on a terminal).
void say(std::string_view command, std::string_view message) {
  const std::string prefix = command.empty()
                                 ? std::string("charter:")
                                 : fmt::format("charter: {}:", command);
  std::cerr << fmt::format("{} {}\n", paint(prefix, style::error, stream::err),
                           printable(message));
}

// The commands given, root first: {charter, seat, add}.
std::vector<const CLI::App*> chain_of(const CLI::App& root) {
  std::vector<const CLI::App*> chain{&root};
  for (;;) {
    auto subs = chain.back()->get_subcommands();
    if (subs.empty()) break;
    chain.push_back(subs.front());
  }
  return chain;
}

std::string command_name(const std::vector<const CLI::App*>& chain) {
  std::string name;
  for (std::size_t i = 1; i < chain.size(); ++i)
    name += (name.empty() ? "" : " ") + chain[i]->get_name();
  return name;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub :
       app.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_name().empty()) names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

void print_parse_error(const CLI::App& root, const CLI::ParseError& e) {
  auto chain = chain_of(root);
  const CLI::App& leaf = *chain.back();
  std::string command = command_name(chain);
  std::string help = command.empty()
                         ? "charter --help"
                         : fmt::format("charter {} --help", command);

  // Words nobody took: an unknown command or option, or one argument too
  // many. They explain the failure better than what CLI11 tripped on next
  // (with no command recognised, that is "a subcommand is required").
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto left = (*it)->remaining(false);
    if (left.empty()) continue;
    std::string word = left.front();
    auto owner =
        command_name({chain.begin(), chain.begin() + (chain.rend() - it)});
    if (word.size() > 1 && word.front() == '-') {
      auto name = word.substr(0, word.find('='));
      say(owner, fmt::format("unknown option '{}'{}", name,
                             did_you_mean(name, option_names(**it))));
    } else if (auto subs = subcommand_names(**it);
               !subs.empty() && (*it)->get_subcommands().empty()) {
      say(owner,
          fmt::format("'{}' is not {} command{}", word,
                      owner.empty() ? std::string("a charter")
                                    : fmt::format("a 'charter {}'", owner),
                      did_you_mean(word, subs)));
      if (owner.empty() && closest(word, subs).empty())
        std::cerr << fmt::format("The commands are: {}\n",
                                 fmt::join(subs, ", "));
    } else {
      say(owner, fmt::format("unexpected argument '{}'", word));
    }
    std::cerr << fmt::format("Run '{}' for usage.\n",
                             owner.empty()
                                 ? "charter --help"
                                 : fmt::format("charter {} --help", owner));
    return;
  }

  // A group with no command under it: `charter`, `charter seat`.
  auto subs = subcommand_names(leaf);
  if (dynamic_cast<const CLI::RequiredError*>(&e) && !subs.empty()) {
    if (chain.size() == 1) {
      std::cerr << root.help();
      return;
    }
    say(command, fmt::format("which one? expected a command: {}",
                             fmt::join(subs, ", ")));
    std::cerr << fmt::format("Run '{}' for usage.\n", help);
    return;
  }

  say(command, e.what());
  std::cerr << fmt::format("Run '{}' for usage.\n", help);
}

// --quiet, --verbose and --color as parsed (--quiet wins over --verbose,
// which run() then refuses).
void configure(const session& s) {
  configure_output(s.quiet     ? verbosity::quiet
                   : s.verbose ? verbosity::verbose
                               : verbosity::normal,
                   s.color == "always"  ? colour_mode::always
                   : s.color == "never" ? colour_mode::never
                                        : colour_mode::automatic);
}

void print_problems(std::string_view command, const validation_error& e) {
  for (const auto& p : e.problems()) say(command, to_string(p));
  if (e.problems().empty()) say(command, e.what());
}

}  // namespace

int run(int argc, char** argv, run_mode mode) {
  CLI::App app{
      "Keep a registry of open-source foundations: members, tiers, boards, "
      "projects,\n"
      "dated and audited.",
      "charter"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "charter " CHARTER_VERSION,
                       "Print the version and exit");
  app.get_formatter()->column_width(30);
  app.get_formatter()->label("SUBCOMMAND", "COMMAND");
  app.get_formatter()->label("SUBCOMMANDS", "COMMANDS");
  app.footer(examples({"charter init --db registry.db",
                       "charter import examples/data/pytorch-foundation.json",
                       "charter members pytorch-foundation --at 2022-09-12",
                       "charter join amd pytorch-foundation --tier premier "
                       "--on 2022-09-12 --founding",
                       "charter check --foundation pytorch-foundation"}) +
             "\nEvery command takes --db PATH (default: $CHARTER_DB, else "
             "./charter.db)\n"
             "and --busy-timeout SECONDS (how long to wait for another "
             "writer; 5),\n"
             "-q/--quiet, -v/--verbose and --color WHEN (colour on a terminal "
             "unless\n"
             "$NO_COLOR is set).\n"
             "Dates are YYYY-MM-DD or 'today'. Exit status: 0 done, 1 'check' "
             "found an\n"
             "error, 2 bad usage or input (nothing changed), 75 the database "
             "was busy\n"
             "past --busy-timeout (nothing changed; try again).\n"
             "Run 'charter COMMAND --help' for a command's options.");

  session s;
  command_table commands;
  registrar r{app, s, commands};
  add_db_options(&app, s);
  add_data_commands(r);
  add_mutation_commands(r);
  add_edit_commands(r);
  add_query_commands(r);
  add_election_commands(r);

  // `charter help [COMMAND...]`, as git has: the same text as --help.
  std::vector<std::string> help_topic;
  auto* help_cmd =
      app.add_subcommand("help", "Show the help of charter or of a command");
  help_cmd->group("Help");
  help_cmd->add_option("COMMAND", help_topic, "The command (and subcommand)")
      ->type_name("COMMAND");
  add_output_options(help_cmd, s);
  help_cmd->footer(examples({"charter help join", "charter help seat add"}));
  commands.add(help_cmd, [&app, &help_topic] {
    const CLI::App* target = &app;
    std::string path = "charter";
    for (const auto& word : help_topic) {
      const CLI::App* next = nullptr;
      for (const auto* sub :
           target->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == word) next = sub;
      if (!next)
        throw usage_error(
            fmt::format("'{}' is not a{} command{}", word,
                        target == &app ? std::string(" charter")
                                       : fmt::format(" '{}'", path),
                        did_you_mean(word, subcommand_names(*target))));
      path += " " + word;
      target = next;
    }
    // Not App::help(), which describes the command being run (`help`).
    write_output(target->get_formatter()->make_help(target, path,
                                                    CLI::AppFormatMode::Normal),
                 "-");
    return exit_ok;
  });

  add_shell_commands(r);

  configure_output(verbosity::normal, colour_mode::automatic);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    configure(s);  // --color, if it came before the mistake
    print_parse_error(app, e);
    return exit_failure;
  }

  auto chain = chain_of(app);
  s.command = command_name(chain);
  configure(s);
  if (s.quiet && s.verbose) {
    say(s.command, "--quiet and --verbose exclude each other");
    return exit_failure;
  }

  if (mode == run_mode::parse_only) return exit_ok;

  const auto* action = commands.find(chain.back());
  if (!action) {
    say(s.command, "which one? Run 'charter --help' for the commands");
    return exit_failure;
  }

  const auto started = std::chrono::steady_clock::now();
  const auto took = [&](int status) {
    detail(fmt::format("{}: exit {} after {:.3f} s", s.command, status,
                       std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - started)
                           .count()));
    return status;
  };
  try {
    return took((*action)());
  } catch (const usage_error& e) {
    say(s.command, e.what());
  } catch (const validation_error& e) {
    print_problems(s.command, e);
  } catch (const busy_error& e) {
    say(s.command, std::string(e.what()) +
                       "; nothing changed: try again, or wait longer with "
                       "--busy-timeout SECONDS");
    return took(exit_busy);
  } catch (const not_found_error& e) {
    std::string hint;
    if (const auto* reg = s.registry())
      hint = did_you_mean(e.id(), ids_of_kind(*reg, e.kind()));
    say(s.command, std::string(e.what()) + hint);
  } catch (const charter::error& e) {
    say(s.command, e.what());
  } catch (const CLI::Error& e) {
    say(s.command, e.what());
  } catch (const std::bad_alloc&) {
    say(s.command, "out of memory");
  } catch (const std::exception& e) {
    say(s.command, fmt::format("internal error: {}", e.what()));
  }
  return took(exit_failure);
}

}  // namespace charter::cli

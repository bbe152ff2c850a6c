// What is made from the command tree (cli/command_tree.hpp): the bash and
// zsh completion scripts and the man page. Each is written from the tree
// alone; a command or option added to the program appears in all three.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_tree.hpp"

namespace charter::cli {
namespace {

// ---- shell scripts

// `text` in single quotes for sh, bash and zsh: 'it'\''s'.
std::string sh_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// The help of a command or option on one line, for zsh's descriptions.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

std::vector<std::string> command_names(const command_info& c) {
  std::vector<std::string> names;
  for (const auto& sub : c.commands) names.push_back(sub.name);
  return names;
}

std::vector<std::string> option_names(const command_info& c) {
  std::vector<std::string> names;
  for (const auto& o : c.options)
    names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

std::vector<std::string> valued_names(const command_info& c) {
  std::vector<std::string> names;
  for (const auto& o : c.options)
    if (!o.flag()) names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

// What a value may be completed with: a fixed list, file names, or the
// program's commands (`help COMMAND`); nothing for an id, a date, a text.
struct value_completion {
  std::vector<std::string> words;
  bool files = false;
  bool empty() const { return words.empty() && !files; }
};

value_completion complete_value(const option_info& o,
                                const command_info& root) {
  value_completion c;
  c.words = o.choices;
  c.files = o.takes_file();
  if (o.value == "COMMAND") c.words = command_names(root);
  return c;
}

// The positionals of a command together (which one a word is depends on
// the options between them, which a completion does not follow).
value_completion complete_positionals(const command_info& cmd,
                                      const command_info& root) {
  value_completion all;
  for (const auto& p : cmd.positionals) {
    auto c = complete_value(p, root);
    all.words.insert(all.words.end(), c.words.begin(), c.words.end());
    all.files = all.files || c.files;
  }
  return all;
}

// One `case` pattern per way of naming what is completed: the command's
// path, a bar, and the option (or nothing, for the positionals).
std::string case_patterns(const command_info& cmd,
                          const std::vector<std::string>& names) {
  std::vector<std::string> patterns;
  for (const auto& n : names) patterns.push_back(sh_quote(cmd.path + "|" + n));
  return fmt::format("{}", fmt::join(patterns, " | "));
}

// Calls `add(command, names, completion)` for every option with
// something to complete, then for the positionals (names {""}).
template <class Add>
void each_value(const command_info& root, Add add) {
  for (const auto* cmd : all_commands(root)) {
    for (const auto& o : cmd->options)
      if (!o.flag())
        if (auto c = complete_value(o, root); !c.empty()) add(*cmd, o.names, c);
    if (auto c = complete_positionals(*cmd, root); !c.empty())
      add(*cmd, std::vector<std::string>{""}, c);
  }
}

}  // namespace

std::string bash_completion(const command_info& root) {
  std::string out =
      "# bash completion for charter, made by `charter completion bash` from "
      "its\n"
      "# commands and options. Load it with: source <(charter completion "
      "bash)\n"
      "# or put it in ~/.local/share/bash-completion/completions/charter.\n\n"
      "# Sets subs, opts and valued: the commands, options and options that\n"
      "# take a value of the command whose path is $1.\n"
      "_charter_node() {\n"
      "  subs= opts= valued=\n"
      "  case $1 in\n";
  for (const auto* cmd : all_commands(root))
    out += fmt::format(
        "    {})\n"
        "      subs={}\n"
        "      opts={}\n"
        "      valued={}\n"
        "      ;;\n",
        sh_quote(cmd->path),
        sh_quote(fmt::format("{}", fmt::join(command_names(*cmd), " "))),
        sh_quote(fmt::format("{}", fmt::join(option_names(*cmd), " "))),
        sh_quote(fmt::format("{}", fmt::join(valued_names(*cmd), " "))));
  out +=
      "  esac\n"
      "}\n\n"
      "# Completes the value of option $2 of command $1 (its positionals when\n"
      "# $2 is empty).\n"
      "_charter_values() {\n"
      "  case \"$1|$2\" in\n";
  each_value(
      root, [&](const command_info& cmd, const std::vector<std::string>& names,
                const value_completion& c) {
        std::string action;
        if (!c.words.empty())
          action +=
              fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\")); ",
                          sh_quote(fmt::format("{}", fmt::join(c.words, " "))));
        if (c.files)
          action +=
              "COMPREPLY+=($(compgen -f -- \"$cur\")); compopt -o filenames "
              "2>/dev/null; ";
        out += fmt::format("    {}) {};;\n", case_patterns(cmd, names), action);
      });
  out +=
      "  esac\n"
      "}\n\n"
      "_charter() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} node= word i skip=\n"
      "  local subs opts valued\n"
      "  COMPREPLY=()\n"
      "  # The command named so far, and whether the word before is an "
      "option\n"
      "  # waiting for its value (bash splits --format=json at the =).\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    word=${COMP_WORDS[i]}\n"
      "    [[ $word == = ]] && continue\n"
      "    if [[ -n $skip ]]; then skip=; continue; fi\n"
      "    _charter_node \"$node\"\n"
      "    case $word in\n"
      "      -*=*) ;;\n"
      "      -*) [[ \" $valued \" == *\" $word \"* ]] && skip=$word ;;\n"
      "      *) [[ \" $subs \" == *\" $word \"* ]] && node=${node:+$node "
      "}$word ;;\n"
      "    esac\n"
      "  done\n"
      "  [[ $cur == = ]] && cur=\n"
      "  _charter_node \"$node\"\n"
      "  if [[ -n $skip ]]; then\n"
      "    _charter_values \"$node\" \"$skip\"\n"
      "  elif [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
      "  elif [[ -n $subs ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
      "  else\n"
      "    _charter_values \"$node\" ''\n"
      "  fi\n"
      "}\n\n"
      "complete -F _charter charter\n";
  return out;
}

std::string zsh_completion(const command_info& root) {
  auto described = [](const std::string& name, const std::string& help) {
    std::string spec;
    for (char c : name) {
      if (c == ':') spec += '\\';
      spec += c;
    }
    return sh_quote(spec + ":" + one_line(help));
  };
  std::string out =
      "#compdef charter\n"
      "# zsh completion for charter, made by `charter completion zsh` from "
      "its\n"
      "# commands and options. Put it in a folder of $fpath as _charter, or\n"
      "# load it with: source <(charter completion zsh)\n\n"
      "# Sets cmds and subs (the commands of the command whose path is $1,\n"
      "# bare and described), opts (its options, described) and valued (the\n"
      "# options that take a value).\n"
      "_charter_node() {\n"
      "  cmds=() subs=() opts=() valued=()\n"
      "  case $1 in\n";
  for (const auto* cmd : all_commands(root)) {
    std::vector<std::string> subs, cmds, opts, valued;
    for (const auto& sub : cmd->commands) {
      cmds.push_back(sh_quote(sub.name));
      subs.push_back(described(sub.name, sub.help));
    }
    for (const auto& o : cmd->options)
      for (const auto& n : o.names) {
        opts.push_back(described(n, o.help));
        if (!o.flag()) valued.push_back(sh_quote(n));
      }
    out += fmt::format("    {})\n", sh_quote(cmd->path));
    auto array = [&](std::string_view name,
                     const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += fmt::format("      {}=(\n", name);
      for (const auto& item : items) out += fmt::format("        {}\n", item);
      out += "      )\n";
    };
    array("cmds", cmds);
    array("subs", subs);
    array("opts", opts);
    array("valued", valued);
    out += "      ;;\n";
  }
  out +=
      "  esac\n"
      "}\n\n"
      "# Completes the value of option $2 of command $1 (its positionals when\n"
      "# $2 is empty).\n"
      "_charter_values() {\n"
      "  case \"$1|$2\" in\n";
  each_value(root, [&](const command_info& cmd,
                       const std::vector<std::string>& names,
                       const value_completion& c) {
    std::vector<std::string> actions;
    if (!c.words.empty()) {
      std::vector<std::string> words;
      for (const auto& w : c.words) words.push_back(sh_quote(w));
      actions.push_back(fmt::format("compadd -- {}", fmt::join(words, " ")));
    }
    if (c.files) actions.push_back("_files");
    out += fmt::format("    {}) {} ;;\n", case_patterns(cmd, names),
                       fmt::join(actions, "; "));
  });
  out +=
      "  esac\n"
      "}\n\n"
      "_charter() {\n"
      "  local node= word skip= i\n"
      "  local -a cmds subs opts valued\n"
      "  # The command named so far, and whether the word before is an "
      "option\n"
      "  # waiting for its value.\n"
      "  for ((i = 2; i < CURRENT; i++)); do\n"
      "    word=${words[i]}\n"
      "    if [[ -n $skip ]]; then skip=; continue; fi\n"
      "    _charter_node \"$node\"\n"
      "    case $word in\n"
      "      -*=*) ;;\n"
      "      -*) (( ${valued[(Ie)$word]} )) && skip=$word ;;\n"
      "      *) (( ${cmds[(Ie)$word]} )) && node=${node:+$node }$word ;;\n"
      "    esac\n"
      "  done\n"
      "  _charter_node \"$node\"\n"
      "  if [[ -n $skip ]]; then\n"
      "    _charter_values \"$node\" \"$skip\"\n"
      "  elif [[ $PREFIX == -* ]]; then\n"
      "    _describe -t options 'charter option' opts\n"
      "  elif (( $#subs )); then\n"
      "    _describe -t commands 'charter command' subs\n"
      "  else\n"
      "    _charter_values \"$node\" ''\n"
      "  fi\n"
      "}\n\n"
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
      "  _charter \"$@\"\n"
      "else\n"
      "  compdef _charter charter\n"
      "fi\n";
  return out;
}

// ---- the man page

namespace {

// Text for roff: a backslash is \e, a minus \- (an option's hyphen, not a
// typographer's), and a line never starts with a control character.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

// `\fB--tier\fR \fITIER\fR`, `\fB-o\fR, \fB--output\fR \fIFILE\fR`.
std::string option_tag(const option_info& o) {
  std::vector<std::string> names;
  for (const auto& n : o.names) names.push_back("\\fB" + roff(n) + "\\fR");
  std::string tag = fmt::format("{}", fmt::join(names, ", "));
  if (!o.flag()) tag += " \\fI" + roff(o.value) + "\\fR";
  return tag;
}

// `charter seat add [OPTIONS] BODY PERSON`.
std::string usage(const command_info& c) {
  std::string line = c.path.empty() ? "charter" : "charter " + c.path;
  if (!c.options.empty()) line += " [OPTIONS]";
  if (!c.commands.empty()) line += " COMMAND";
  for (const auto& p : c.positionals) {
    std::string arg = p.names.front() + (p.many ? "..." : "");
    line += p.required ? " " + arg : " [" + arg + "]";
  }
  return line;
}

// Its help, and the values it takes when they are a fixed list.
std::string option_help(const option_info& o) {
  std::string help = one_line(o.help);
  if (!o.choices.empty())
    help += fmt::format("{}One of: {}.", help.empty() ? "" : ". ",
                        fmt::join(o.choices, ", "));
  return roff(help);
}

bool is_help(const option_info& o) {
  return std::find(o.names.begin(), o.names.end(), "--help") != o.names.end();
}

// The options every command takes are those of the program (--db,
// --quiet...): described once, under OPTIONS.
bool is_common(const option_info& o, const command_info& root) {
  for (const auto& r : root.options)
    if (r.names == o.names) return true;
  return false;
}

std::string preformatted(std::string_view text) {
  std::string body = roff(text);
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return ".PP\n.nf\n" + body + "\n.fi\n";
}

}  // namespace

std::string man_page(const command_info& root, std::string_view version) {
  std::string out = fmt::format(
      ".\\\" The manual page of charter, made by `charter man` from its "
      "commands\n"
      ".\\\" and options: edit the program, not this page.\n"
      ".TH CHARTER 1 \"\" \"charter {}\" \"User Commands\"\n"
      ".SH NAME\n"
      "charter \\- keep the registry of open\\-source foundations: members, "
      "tiers,\nboards, projects, dated and audited\n"
      ".SH SYNOPSIS\n"
      ".B charter\n"
      "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n"
      ".br\n"
      ".B charter\n"
      "\\fICOMMAND\\fR \\fB\\-\\-help\\fR\n"
      ".SH DESCRIPTION\n"
      "{}\n",
      roff(version), roff(one_line(root.help)));
  if (!root.footer.empty()) out += preformatted(root.footer);

  out +=
      ".SH OPTIONS\n"
      "Every command takes these but \\fB\\-\\-version\\fR, before or after "
      "its name.\n";
  for (const auto& o : root.options)
    out += fmt::format(".TP\n{}\n{}\n", option_tag(o), option_help(o));

  out += ".SH COMMANDS\n";
  for (const auto* cmd : all_commands(root)) {
    if (cmd == &root) continue;
    out += fmt::format(".SS \"{}\"\n{}\n", roff(usage(*cmd)),
                       roff(one_line(cmd->help)));
    for (const auto& p : cmd->positionals)
      out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(p.names.front()),
                         option_help(p));
    for (const auto& o : cmd->options)
      if (!is_help(o) && !is_common(o, root))
        out += fmt::format(".TP\n{}\n{}\n", option_tag(o), option_help(o));
    if (!cmd->commands.empty()) {
      std::vector<std::string> names;
      for (const auto& sub : cmd->commands)
        names.push_back("\\fB" + roff(sub.name) + "\\fR");
      out += fmt::format(".PP\nCommands: {}.\n", fmt::join(names, ", "));
    }
    if (!cmd->footer.empty()) out += preformatted(cmd->footer);
  }

  out +=
      ".SH EXIT STATUS\n"
      ".TP\n0\nDone.\n"
      ".TP\n1\n\\fBcheck\\fR found a finding of severity error; \\fBdiff\\fR "
      "of two documents found them different.\n"
      ".TP\n2\nBad usage or input: an unknown id, a bad date, a broken rule, "
      "a missing or malformed file. Nothing changed.\n"
      ".TP\n75\nThe database was busy past \\fB\\-\\-busy\\-timeout\\fR. "
      "Nothing changed; the same command may succeed later.\n"
      ".SH ENVIRONMENT\n"
      ".TP\n.B CHARTER_DB\nThe database when \\fB\\-\\-db\\fR is not given "
      "(else ./charter.db).\n"
      ".TP\n.B NO_COLOR\nSet and not empty: no colour, unless "
      "\\fB\\-\\-color always\\fR.\n"
      ".TP\n.B TERM\n\\fBdumb\\fR: no colour and no progress line.\n"
      ".TP\n.B USER\nThe actor recorded in the audit log when \\fB\\-\\-actor"
      "\\fR is not given.\n"
      ".SH SEE ALSO\n"
      "\\fBsqlite3\\fR(1); docs/cli.md and docs/registry\\-format.md in "
      "charter's sources.\n";
  return out;
}

}  // namespace charter::cli

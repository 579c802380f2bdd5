// Choosing a template by id, name or 文种; several variants of one 文种 ask which.
#include "template_choice.hpp"

#include <unistd.h>

#include <iostream>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app {

const Template& template_or_choices(const std::vector<Template>& all, const std::string& typed) {
  if (const Template* t = find_template(all, typed)) return *t;
  const std::vector<const Template*> variants = templates_of_kind(all, typed);
  if (variants.empty())
    fail(Code::NotFound, msg("kinds.template.unknown", {{"id", typed}}), {msg("kinds.template.unknown.hint")});
  std::string list;
  for (std::size_t i = 0; i < variants.size(); ++i)
    list += "  " + std::to_string(i + 1) + ". " + variants[i]->id + "\t" + variants[i]->name + "\n";
  if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
    std::cerr << msg("kinds.template.which", {{"kind", typed}}) << "\n" << list << "> " << std::flush;
    std::string answer;
    if (std::getline(std::cin, answer)) {
      for (std::size_t i = 0; i < variants.size(); ++i)
        if (answer == std::to_string(i + 1) || answer == variants[i]->id || answer == variants[i]->name)
          return *variants[i];
    }
  }
  std::string ids;
  for (const Template* t : variants) ids += (ids.empty() ? "" : msg("list.sep")) + t->id + "（" + t->name + "）";
  fail(Code::Usage, msg("kinds.template.ambiguous", {{"kind", typed}, {"ids", ids}}),
       {msg("kinds.template.ambiguous.hint", {{"id", variants.front()->id}})});
}

}  // namespace gongwen::app

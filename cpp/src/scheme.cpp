// Implementation of posenc/scheme.hpp.
#include "posenc/scheme.hpp"

#include <string>

#include "posenc/error.hpp"

namespace posenc {

std::string_view scheme_name(Scheme s) {
  switch (s) {
    case Scheme::none: return "none";
    case Scheme::index: return "index";
    case Scheme::normalized: return "normalized";
    case Scheme::random: return "random";
    case Scheme::learned: return "learned";
    case Scheme::sinusoidal: return "sinusoidal";
    case Scheme::relative: return "relative";
    case Scheme::t5: return "t5";
    case Scheme::rope: return "rope";
    case Scheme::alibi: return "alibi";
    case Scheme::fire: return "fire";
    case Scheme::conv: return "conv";
  }
  return "?";
}

const std::vector<Scheme>& all_schemes() {
  static const std::vector<Scheme> all = {Scheme::none,     Scheme::index,      Scheme::normalized,
                                          Scheme::random,   Scheme::learned,    Scheme::sinusoidal,
                                          Scheme::relative, Scheme::t5,         Scheme::rope,
                                          Scheme::alibi,    Scheme::fire,       Scheme::conv};
  return all;
}

const std::vector<Scheme>& absolute_schemes() {
  static const std::vector<Scheme> abs = {Scheme::none,   Scheme::index,   Scheme::normalized,
                                          Scheme::random, Scheme::learned, Scheme::sinusoidal};
  return abs;
}

Scheme parse_scheme(std::string_view name, const std::vector<Scheme>& allowed, std::string_view arg) {
  for (Scheme s : allowed)
    if (scheme_name(s) == name) return s;
  std::string list;
  for (Scheme s : allowed) list += (list.empty() ? "" : ", ") + std::string(scheme_name(s));
  throw Error(std::string(arg), quoted(name), "one of " + list);
}

}  // namespace posenc

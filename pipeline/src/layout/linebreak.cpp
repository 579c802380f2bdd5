#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>

#include "layout/text.hpp"

namespace gongwen::layout {
namespace {

constexpr double kEps = 1e-6;

// The unit of breaking: one character, or a whole Latin word / number.
struct Atom {
  std::size_t begin, end;
  double width;
};

double char_width(char32_t cp, double cell) { return is_half_width(cp) ? cell / 2 : cell; }

std::vector<Atom> make_atoms(const std::vector<char32_t>& t, double cell) {
  std::vector<Atom> atoms;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t j = i + 1;
    if (is_word_char(t[i]))
      while (j < t.size() && is_word_char(t[j])) ++j;
    double w = 0;
    for (std::size_t k = i; k < j; ++k) w += char_width(t[k], cell);
    atoms.push_back({i, j, w});
    i = j;
  }
  return atoms;
}

// A break before atom `e` is allowed if neither side is forbidden.
bool break_ok(const std::vector<char32_t>& t, const std::vector<Atom>& a, std::size_t e,
              bool keep_numbers = false) {
  if (e == 0 || e >= a.size()) return true;
  if (keep_numbers && is_word_char(t[a[e - 1].end - 1]) && !is_word_char(t[a[e].begin]))
    return false;
  return !no_line_start(t[a[e].begin]) && !no_line_end(t[a[e - 1].end - 1]);
}

}  // namespace

double text_width(const std::vector<char32_t>& text, double cell) {
  double w = 0;
  for (char32_t cp : text) w += char_width(cp, cell);
  return w;
}

std::vector<PlacedLine> break_lines(const std::vector<char32_t>& t, const BreakParams& p) {
  std::vector<PlacedLine> lines;
  std::vector<Atom> atoms = make_atoms(t, p.cell);
  std::size_t a = 0;
  const double half = p.cell / 2;
  while (a < atoms.size()) {
    const double indent = lines.empty() ? p.first_indent : p.rest_indent;
    const double avail = std::max(p.width - indent, p.cell);
    double used = 0;
    std::size_t e = a;
    while (e < atoms.size() && used + atoms[e].width <= avail + kEps) used += atoms[e++].width;

    std::vector<char> squeezed;  // per atom in [a, e): dropped to half a cell
    if (e == a) {
      // A Latin run longer than the whole measure: cut it where the measure ends.
      const Atom big = atoms[a];
      std::size_t cut = big.begin;
      double w = 0;
      while (cut < big.end && w + char_width(t[cut], p.cell) <= avail + kEps)
        w += char_width(t[cut++], p.cell);
      cut = std::max(cut, big.begin + 1);
      atoms[a] = {big.begin, cut, w};
      atoms.insert(atoms.begin() + a + 1, Atom{cut, big.end, big.width - w});
      e = a + 1;
      used = w;
    } else if (e < atoms.size() && !break_ok(t, atoms, e, p.keep_numbers)) {
      bool done = false;
      if (no_line_start(t[atoms[e].begin])) {
        // Try 标点挤压: take the closing marks in and squeeze marks to make room.
        std::size_t e2 = e;
        double need = used - avail;
        while (e2 < atoms.size() && e2 < e + 3 && no_line_start(t[atoms[e2].begin]))
          need += atoms[e2++].width;
        if (break_ok(t, atoms, e2, p.keep_numbers)) {
          std::vector<char> sq(e2 - a, 0);
          for (std::size_t k = e2; k-- > a && need > kEps;) {
            const Atom& at = atoms[k];
            if (at.end - at.begin == 1 && squeeze_kind(t[at.begin]) != Squeeze::None) {
              sq[k - a] = 1;
              need -= half;
            }
          }
          if (need <= kEps) {
            squeezed = std::move(sq);
            used = 0;
            for (std::size_t k = a; k < e2; ++k)
              used += squeezed[k - a] ? half : atoms[k].width;
            e = e2;
            done = true;
          }
        }
      }
      if (!done) {
        // Give characters to the next line until the break is allowed.
        std::size_t e3 = e;
        while (e3 > a + 1 && !break_ok(t, atoms, e3, p.keep_numbers)) --e3;
        if (break_ok(t, atoms, e3, p.keep_numbers)) {
          e = e3;
          used = 0;
          for (std::size_t k = a; k < e; ++k) used += atoms[k].width;
        }
      }
    }
    if (squeezed.empty()) squeezed.assign(e - a, 0);

    PlacedLine line;
    line.begin = atoms[a].begin;
    line.end = atoms[e - 1].end;
    line.last = e >= atoms.size();
    const double slack = avail - used;
    const std::size_t gaps = e - a - 1;
    const double spread =
        (!line.last && p.justify == Justify::Spread && gaps > 0 && slack > kEps) ? slack / gaps
                                                                                  : 0.0;
    double x = indent;
    line.x.reserve(line.end - line.begin);
    for (std::size_t k = a; k < e; ++k) {
      const Atom& at = atoms[k];
      if (squeezed[k - a]) {
        // The dropped half is the empty one: an opening mark moves left by half a cell.
        bool right = squeeze_kind(t[at.begin]) == Squeeze::KeepRight;
        line.x.push_back(right ? x - half : x);
        x += half;
      } else {
        for (std::size_t c = at.begin; c < at.end; ++c) {
          line.x.push_back(x);
          x += char_width(t[c], p.cell);
        }
      }
      if (k + 1 < e) x += spread;
    }
    line.used = x;
    lines.push_back(std::move(line));
    a = e;
  }
  return lines;
}

std::vector<PlacedLine> break_balanced(const std::vector<char32_t>& text, double cell,
                                       double width) {
  const double total = text_width(text, cell);
  if (total <= width + kEps) return break_lines(text, {cell, width, 0, 0, Justify::None, true});
  const int n = static_cast<int>(std::ceil(total / width - kEps));
  // Shortest measure that still gives n lines: the lines come out nearly equal.
  double w = std::ceil(total / n / (cell / 2) - kEps) * (cell / 2);
  std::vector<PlacedLine> best;
  for (; w <= width + kEps; w += cell / 2) {
    best = break_lines(text, {cell, w, 0, 0, Justify::None, true});
    if (static_cast<int>(best.size()) <= n) return best;
  }
  return break_lines(text, {cell, width, 0, 0, Justify::None, true});
}

}  // namespace gongwen::layout

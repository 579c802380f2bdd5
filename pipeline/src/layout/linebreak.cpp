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
  double natural = -1;  // Latin with font metrics: sum of the advances (else < 0)
};

double char_width(char32_t cp, double cell) { return is_half_width(cp) ? cell / 2 : cell; }

}  // namespace

std::size_t word_end(const std::vector<char32_t>& t, std::size_t i) {
  std::size_t j = i + 1;
  if (!is_word_char(t[i])) return j;
  while (j < t.size() && is_word_char(t[j])) {
    if (t[j - 1] == U'-' && j >= 2 && is_latin_alnum(t[j - 2]) && is_latin_alnum(t[j])) break;
    ++j;
  }
  return j;
}

namespace {

// With metrics, a half-width run takes its natural width plus the Asian–Latin space on each
// side that touches a Han character letter to letter, rounded up to whole half cells.
Atom latin_atom(const std::vector<char32_t>& t, std::size_t i, std::size_t j,
                const BreakParams& p, int* sides = nullptr) {
  const double half = p.cell / 2;
  double natural = 0;
  for (std::size_t k = i; k < j; ++k) natural += (*p.latin)[k];
  const int n_sides = (i > 0 && is_asian_letter(t[i - 1]) && is_latin_alnum(t[i]) ? 1 : 0) +
                      (j < t.size() && is_latin_alnum(t[j - 1]) && is_asian_letter(t[j]) ? 1 : 0);
  if (sides != nullptr) *sides = n_sides;
  const double reader_half = (p.reader_cell > 0 ? p.reader_cell : p.cell) / 2;
  // As a reader sets it: the letter spacing between its characters (a reader drops negative
  // spacing after the last character of a run, LibreOffice measured), and the spacing the
  // full-width character before it loses for the same reason.
  const bool after_wide = i > 0 && !is_half_width(t[i - 1]);
  const double need = natural + static_cast<double>(j - i - 1) * p.tracking +
                      n_sides * p.script_space + (after_wide ? -p.tracking : 0.0);
  const double halves = std::max(1.0, std::ceil(need / reader_half - 1e-6));
  return {i, j, halves * half, natural};
}

std::vector<Atom> make_atoms(const std::vector<char32_t>& t, const BreakParams& p) {
  std::vector<Atom> atoms;
  std::size_t i = 0;
  const bool metrics = p.latin != nullptr && p.latin->size() == t.size();
  while (i < t.size()) {
    const std::size_t j = word_end(t, i);
    if (metrics && is_half_width(t[i])) {
      atoms.push_back(latin_atom(t, i, j, p));
    } else {
      double w = 0;
      for (std::size_t k = i; k < j; ++k) w += char_width(t[k], p.cell);
      atoms.push_back({i, j, w});
    }
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
  // A closing mark keeps the Latin word or number after it ("、6G", "，2026"): LibreOffice
  // never breaks there (measured), so neither does the layout.
  if (no_line_start(t[a[e - 1].end - 1]) && is_word_char(t[a[e].begin])) return false;
  return !no_line_start(t[a[e].begin]) && !no_line_end(t[a[e - 1].end - 1]);
}

}  // namespace

double text_width(const std::vector<char32_t>& text, double cell,
                  const std::vector<double>* latin, double script_space) {
  BreakParams p;
  p.cell = cell;
  p.latin = latin;
  p.script_space = script_space;
  double w = 0;
  for (const Atom& a : make_atoms(text, p)) w += a.width;
  return w;
}

std::vector<LatinSpan> latin_spans(const std::vector<char32_t>& t, const BreakParams& p) {
  std::vector<LatinSpan> out;
  if (p.latin == nullptr || p.latin->size() != t.size()) return out;
  std::size_t i = 0;
  while (i < t.size()) {
    const std::size_t j = word_end(t, i);
    if (is_half_width(t[i])) {
      int sides = 0;
      const Atom a = latin_atom(t, i, j, p, &sides);
      out.push_back({i, j, a.width, a.natural, sides});
    }
    i = j;
  }
  return out;
}

std::vector<PlacedLine> break_lines(const std::vector<char32_t>& t, const BreakParams& p) {
  std::vector<PlacedLine> lines;
  std::vector<Atom> atoms = make_atoms(t, p);
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
        line.squeezed.push_back(at.begin);
        line.x.push_back(right ? x - half : x);
        x += half;
      } else if (at.natural >= 0) {
        // A Latin run with metrics: one glyph centred in its span; several evenly over it
        // (the PDF writer sets them at their natural advances with equal gaps between).
        const std::size_t n = at.end - at.begin;
        if (n == 1) {
          line.x.push_back(x + (at.width - at.natural) / 2);
        } else {
          for (std::size_t c = 0; c < n; ++c) line.x.push_back(x + c * at.width / n);
        }
        x += at.width;
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
  BreakParams p;
  p.cell = cell;
  p.width = width;
  return break_balanced(text, p);
}

std::vector<PlacedLine> break_balanced(const std::vector<char32_t>& text, const BreakParams& base) {
  const double cell = base.cell, width = base.width;
  double total = 0;
  for (const Atom& a : make_atoms(text, base)) total += a.width;
  const auto params = [&](double w) {
    BreakParams p = base;
    p.width = w;
    p.first_indent = p.rest_indent = 0;
    p.justify = Justify::None;
    p.keep_numbers = true;
    return p;
  };
  if (total <= width + kEps) return break_lines(text, params(width));
  const int n = static_cast<int>(std::ceil(total / width - kEps));
  // Shortest measure that still gives n lines: the lines come out nearly equal.
  double w = std::ceil(total / n / (cell / 2) - kEps) * (cell / 2);
  std::vector<PlacedLine> best;
  for (; w <= width + kEps; w += cell / 2) {
    best = break_lines(text, params(w));
    if (static_cast<int>(best.size()) <= n) return best;
  }
  return break_lines(text, params(width));
}

}  // namespace gongwen::layout

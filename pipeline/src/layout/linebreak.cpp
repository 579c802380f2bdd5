#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>

#include "layout/text.hpp"

namespace gongwen::layout {
namespace {

constexpr double kEps = 1e-6;
// What a full-width mark's empty half may gain when a line is filled: below the gap at which
// Poppler (pdftotext) reads a space, so copied text keeps "要求，认真" together.
constexpr double kMarkStretch = 1.2;

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
    // Between letters only: a phone number or a range of digits ("0878-6212106",
    // "9704-2012") is never broken at its hyphen.
    if (t[j - 1] == U'-' && j >= 2 && is_latin_letter(t[j - 2]) && is_latin_letter(t[j])) break;
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

bool inside_word(const std::vector<Atom>& a, std::size_t e, const std::vector<char>* joins) {
  return joins != nullptr && e > 0 && e < a.size() && a[e].begin < joins->size() &&
         (*joins)[a[e].begin];
}

// A break before atom `e` is allowed if neither side is forbidden.
bool break_ok(const std::vector<char32_t>& t, const std::vector<Atom>& a, std::size_t e,
              bool keep_numbers = false, const std::vector<char>* joins = nullptr) {
  if (e == 0 || e >= a.size()) return true;
  if (inside_word(a, e, joins)) return false;
  if (keep_numbers && is_word_char(t[a[e - 1].end - 1]) && !is_word_char(t[a[e].begin]))
    return false;
  // A closing mark keeps the Latin word or number after it ("、6G", "，2026"): LibreOffice
  // never breaks there (measured), so neither does the layout. Not a colon, semicolon,
  // exclamation or question mark (Unicode line break classes NS and EX, not CL): LibreOffice
  // breaks "电话：|0878-6212106" when the number does not fit.
  const char32_t mark = t[a[e - 1].end - 1];
  if (no_line_start(mark) && mark != U'：' && mark != U'；' && mark != U'！' && mark != U'？' &&
      is_word_char(t[a[e].begin]))
    return false;
  return !no_line_start(t[a[e].begin]) && !no_line_end(t[a[e - 1].end - 1]);
}

bool is_latin(const std::vector<char32_t>& t, const Atom& a) { return is_word_char(t[a.begin]); }

// Where a line's slack goes (docs/layout.md "Filling a line"): Han characters keep the
// character pitch. First the gaps beside a Latin word or number (up to a quarter cell each:
// more splits the line in a reader's text extraction, "，| 于 12 月 10"), then
// the empty half of full-width marks (up to kMarkStretch each: more reads as a space in
// copied text). What is left stays at the line end when a Latin word moved to the next
// line whole (the line before it keeps the grid); after a 避头尾 push it is spread evenly.
std::vector<double> gap_extras(const std::vector<char32_t>& t, const std::vector<Atom>& atoms,
                               std::size_t a, std::size_t e, const std::vector<char>& squeezed,
                               double slack, double cell, bool ragged_rest) {
  const std::size_t gaps = e - a - 1;
  std::vector<double> extra(gaps, 0.0);
  if (gaps == 0 || slack <= kEps) return extra;
  const auto fill = [&](const auto& capacity) {
    double room = 0;
    for (std::size_t g = 0; g < gaps; ++g) room += capacity(g);
    if (room <= kEps) return;
    const double share = std::min(1.0, slack / room);
    for (std::size_t g = 0; g < gaps; ++g) {
      const double add = capacity(g) * share;
      extra[g] += add;
      slack -= add;
    }
  };
  fill([&](std::size_t g) {
    return is_latin(t, atoms[a + g]) || is_latin(t, atoms[a + g + 1]) ? cell / 4 : 0.0;
  });
  if (slack > kEps) {
    fill([&](std::size_t g) {
      const Atom& l = atoms[a + g];
      const Atom& r = atoms[a + g + 1];
      const bool open_left = l.end - l.begin == 1 && !squeezed[g] &&
                             squeeze_kind(t[l.begin]) == Squeeze::KeepLeft;
      const bool open_right = r.end - r.begin == 1 && !squeezed[g + 1] &&
                              squeeze_kind(t[r.begin]) == Squeeze::KeepRight;
      return (open_left || open_right) ? kMarkStretch : 0.0;
    });
  }
  // At most one cell spread evenly (≤ 0.21 mm a character over 27 gaps); more stays at the end.
  if (slack > kEps && !ragged_rest)
    for (double& x : extra) x += std::min(slack, cell) / static_cast<double>(gaps);
  return extra;
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

    // A Latin word or number that does not fit moves whole: the line before keeps the grid.
    // So does a word of a title or heading that would be split.
    bool latin_moved = e > a && e < atoms.size() &&
                       (is_latin(t, atoms[e]) || inside_word(atoms, e, p.joins));
    bool forced = false;
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
    } else if (e < atoms.size() && !break_ok(t, atoms, e, p.keep_numbers, p.joins)) {
      bool done = false;
      if (no_line_start(t[atoms[e].begin])) {
        // Try 标点挤压: take the closing marks in and squeeze marks to make room.
        std::size_t e2 = e;
        double need = used - avail;
        while (e2 < atoms.size() && e2 < e + 3 && no_line_start(t[atoms[e2].begin]))
          need += atoms[e2++].width;
        if (break_ok(t, atoms, e2, p.keep_numbers, p.joins)) {
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
        while (e3 > a + 1 && !break_ok(t, atoms, e3, p.keep_numbers, p.joins)) --e3;
        if (break_ok(t, atoms, e3, p.keep_numbers, p.joins)) {
          // A number or 文号 among what went down ("（白纪发|〔2026〕8号）"): the line keeps
          // the grid as when a Latin word moves.
          for (std::size_t k = e3; k <= e && k < atoms.size(); ++k)
            latin_moved = latin_moved || is_latin(t, atoms[k]);
          e = e3;
          used = 0;
          for (std::size_t k = a; k < e; ++k) used += atoms[k].width;
        } else {
          forced = true;  // no legal break in the whole line
        }
      }
    }
    if (squeezed.empty()) squeezed.assign(e - a, 0);

    PlacedLine line;
    line.forced = forced;
    line.begin = atoms[a].begin;
    line.end = atoms[e - 1].end;
    line.last = e >= atoms.size();
    const std::vector<double> extra =
        !line.last && p.justify == Justify::Spread
            ? gap_extras(t, atoms, a, e, squeezed, avail - used, p.cell, latin_moved)
            : std::vector<double>(e - a - 1, 0.0);
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
      if (k + 1 < e) x += extra[k - a];
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
  // A measure that forces a break inside a word or a name (a name longer than the line)
  // is passed over for a wider one.
  const auto clean = [](const std::vector<PlacedLine>& ls) {
    for (const PlacedLine& l : ls)
      if (l.forced) return false;
    return true;
  };
  for (int lines = n; lines <= n + 1; ++lines)
    for (double m = w; m <= width + kEps; m += cell / 2) {
      best = break_lines(text, params(m));
      if (static_cast<int>(best.size()) <= lines && clean(best)) return best;
    }
  return break_lines(text, params(width));
}

}  // namespace gongwen::layout

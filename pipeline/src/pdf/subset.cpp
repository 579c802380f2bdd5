#include "pdf/subset.hpp"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>

#include <mutex>
#include <string>
#include <unordered_map>

namespace gongwen::pdf {
namespace {

// FreeType's library object is not safe for concurrent face creation and destruction; the
// web server renders on several threads.
std::mutex g_ft_mutex;

FT_Library ft_library() {
  static FT_Library lib = [] {
    FT_Library l = nullptr;
    if (FT_Init_FreeType(&l) != 0) l = nullptr;
    return l;
  }();
  return lib;
}

// One HarfBuzz face per font file and index for the life of the process: the file is
// memory-mapped, never copied, and HarfBuzz keeps its parsed tables between documents.
hb_face_t* source_face(const std::string& path, int index) {
  static std::mutex mutex;
  static std::unordered_map<std::string, hb_face_t*> faces;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string key = path + "#" + std::to_string(index);
  if (auto it = faces.find(key); it != faces.end()) return it->second;
  hb_face_t* face = nullptr;
  if (hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str())) {
    face = hb_face_create(blob, static_cast<unsigned>(index));
    hb_blob_destroy(blob);
    hb_face_make_immutable(face);
    if (hb_face_get_glyph_count(face) == 0) {
      hb_face_destroy(face);
      face = nullptr;
    }
  }
  faces.emplace(key, face);
  return face;
}

// What a subset cairo face keeps alive: the FreeType face and the bytes it reads.
struct Holder {
  FT_Face ft = nullptr;
  hb_blob_t* blob = nullptr;
};
const cairo_user_data_key_t kHolderKey{};

void destroy_holder(void* p) {
  auto* h = static_cast<Holder*>(p);
  {
    std::lock_guard<std::mutex> lock(g_ft_mutex);
    if (h->ft) FT_Done_Face(h->ft);
  }
  hb_blob_destroy(h->blob);
  delete h;
}

// Tables the PDF never needs: layout (the layout is ours), vertical metrics, signatures.
void drop_unneeded_tables(hb_subset_input_t* in) {
  hb_set_t* drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG",
                          "DSIG", "kern", "morx", "mort", "feat", "meta", "STAT"})
    hb_set_add(drop, hb_tag_from_string(tag, -1));
  // No layout closure: a glyph we do not draw need not be kept for a feature.
  hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
}

// The font made from the glyphs documents have used so far in this process. It only grows:
// once a document's characters are in it, later documents reuse it as it is, and cairo keeps
// its glyph metrics. Replaced by a larger one when a document brings new characters; a
// document still drawing with the old one holds its own reference.
struct SharedSubset {
  cairo_font_face_t* face = nullptr;                  // one reference held here
  hb_blob_t* blob = nullptr;                          // its bytes, one reference held here
  std::unordered_map<unsigned long, char32_t> chars;  // glyph → character
  // For the OFD's font programs, made when the OFD first asks for one from this subset: the
  // same glyphs renumbered 1…n (`compact_gid`: installed id → compact id), prepared for
  // subsetting again (hb_subset_preprocess). Subsetting from it walks a few hundred glyphs
  // where `blob` (installed ids kept) has tens of thousands of empty slots in every table.
  hb_face_t* prepared = nullptr;
  std::unordered_map<unsigned long, hb_codepoint_t> compact_gid;
};
std::mutex g_shared_mutex;
std::unordered_map<std::string, SharedSubset> g_shared;

// A HarfBuzz subset of `source` holding `chars`' glyphs, as a cairo face (and its bytes in
// `bytes`, one reference for the caller). Null if HarfBuzz or FreeType cannot make one.
cairo_font_face_t* make_subset(hb_face_t* source, const std::unordered_map<unsigned long, char32_t>& chars,
                               hb_blob_t** bytes) {
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  if (!in) return nullptr;
  hb_set_t* glyphs = hb_subset_input_glyph_set(in);
  hb_set_t* unicodes = hb_subset_input_unicode_set(in);
  for (const auto& [gid, cp] : chars) {
    hb_set_add(glyphs, static_cast<hb_codepoint_t>(gid));
    if (cp > 0x20) hb_set_add(unicodes, static_cast<hb_codepoint_t>(cp));
  }
  drop_unneeded_tables(in);
  // Without subroutines each glyph's outline stands alone, so cairo's own subset of this
  // font copies just the glyphs a document draws, not every subroutine they might share.
  // Glyph ids stay those of the installed font: what cairo writes for a document then depends
  // only on the document, never on what this process rendered before.
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_RETAIN_GIDS);
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(source, in);
  hb_subset_input_destroy(in);
  if (!plan) return nullptr;
  hb_face_t* sub = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!sub) return nullptr;
  auto* holder = new Holder;
  holder->blob = hb_face_reference_blob(sub);
  hb_face_destroy(sub);
  unsigned int length = 0;
  const char* data = hb_blob_get_data(holder->blob, &length);
  FT_Error err = 1;
  {
    std::lock_guard<std::mutex> lock(g_ft_mutex);
    if (ft_library() && data && length)
      err = FT_New_Memory_Face(ft_library(), reinterpret_cast<const FT_Byte*>(data),
                               static_cast<FT_Long>(length), 0, &holder->ft);
  }
  if (err != 0) {
    holder->ft = nullptr;
    destroy_holder(holder);
    return nullptr;
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(holder->ft, 0);
  if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS ||
      cairo_font_face_set_user_data(face, &kHolderKey, holder, destroy_holder) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    destroy_holder(holder);
    return nullptr;
  }
  *bytes = hb_blob_reference(holder->blob);
  return face;
}

// The shared subset's glyphs renumbered in their order (so a font program made from it has
// the same glyphs, in the same order, with the same outlines, metrics and cmap as one made
// from `shared.blob`: the same bytes), prepared for subsetting again. Leaves `prepared` null
// if HarfBuzz cannot make it; font_program then subsets `blob` itself.
void prepare_compact(SharedSubset& shared) {
  hb_face_t* plain = hb_face_create(shared.blob, 0);
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  hb_subset_plan_t* plan = nullptr;
  if (in) {
    hb_set_t* glyphs = hb_subset_input_glyph_set(in);
    hb_set_t* unicodes = hb_subset_input_unicode_set(in);
    for (const auto& [gid, cp] : shared.chars) {
      hb_set_add(glyphs, static_cast<hb_codepoint_t>(gid));
      if (cp > 0x20) hb_set_add(unicodes, static_cast<hb_codepoint_t>(cp));
    }
    drop_unneeded_tables(in);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
    plan = hb_subset_plan_create_or_fail(plain, in);
    hb_subset_input_destroy(in);
  }
  hb_face_destroy(plain);
  if (!plan) return;
  hb_face_t* compact = hb_subset_plan_execute_or_fail(plan);
  std::unordered_map<unsigned long, hb_codepoint_t> ids;
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
  bool complete = compact != nullptr;
  for (const auto& [gid, cp] : shared.chars) {
    const hb_codepoint_t to = hb_map_get(old_to_new, static_cast<hb_codepoint_t>(gid));
    complete = complete && to != HB_MAP_VALUE_INVALID;
    ids.emplace(gid, to);
  }
  hb_subset_plan_destroy(plan);
  if (!complete) {
    if (compact) hb_face_destroy(compact);
    return;
  }
  shared.prepared = hb_subset_preprocess(compact);
  hb_face_destroy(compact);
  shared.compact_gid = std::move(ids);
}

}  // namespace

DocumentFonts::DocumentFonts(FontSet& fonts)
    : m_fonts(fonts), m_used(static_cast<std::size_t>(fonts.face_count())),
      m_faces(static_cast<std::size_t>(fonts.face_count()), nullptr),
      m_blobs(static_cast<std::size_t>(fonts.face_count()), nullptr) {}

DocumentFonts::~DocumentFonts() {
  for (cairo_font_face_t* f : m_faces)
    if (f) cairo_font_face_destroy(f);
  for (hb_blob_t* b : m_blobs) hb_blob_destroy(b);
}

void DocumentFonts::use(const FontSet::Glyph& g, char32_t cp) {
  m_used[static_cast<std::size_t>(g.face)].emplace(g.index, cp);
}

namespace {
// Characters nearly every document has: ASCII, full-width digits and the punctuation and
// date characters of 公文. They go into a face's first subset, so the numbers and dates of
// the next documents do not each force a rebuild.
const std::u32string& common_characters() {
  static const std::u32string chars = [] {
    std::u32string c;
    for (char32_t cp = 0x21; cp < 0x7F; ++cp) c += cp;
    for (char32_t cp = 0xFF10; cp <= 0xFF19; ++cp) c += cp;
    c += U"、。，；：？！“”‘’（）《》〔〕【】—…·％　年月日号第项条款一二三四五六七八九十〇零";
    return c;
  }();
  return chars;
}
}  // namespace

void DocumentFonts::build() {
  std::lock_guard<std::mutex> lock(g_shared_mutex);
  for (std::size_t f = 0; f < m_used.size(); ++f) {
    if (m_used[f].empty()) continue;
    const int fi = static_cast<int>(f);
    const std::string key = m_fonts.file(fi) + "#" + std::to_string(m_fonts.file_index(fi));
    SharedSubset& shared = g_shared[key];
    bool complete = shared.face != nullptr;
    for (const auto& [gid, cp] : m_used[f]) complete = complete && shared.chars.count(gid) > 0;
    if (!complete) {
      hb_face_t* source = source_face(m_fonts.file(fi), m_fonts.file_index(fi));
      if (!source) continue;  // this face is used whole
      std::unordered_map<unsigned long, char32_t> chars = shared.chars;
      for (const auto& [gid, cp] : m_used[f]) chars.emplace(gid, cp);
      if (!shared.face)
        for (char32_t cp : common_characters())
          if (unsigned long gid = m_fonts.glyph_in(fi, cp)) chars.emplace(gid, cp);
      hb_blob_t* bytes = nullptr;
      cairo_font_face_t* face = make_subset(source, chars, &bytes);
      if (!face) continue;
      if (shared.face) cairo_font_face_destroy(shared.face);
      hb_blob_destroy(shared.blob);
      if (shared.prepared) hb_face_destroy(shared.prepared);
      shared.prepared = nullptr;
      shared.face = face;
      shared.blob = bytes;
      shared.chars = std::move(chars);
    }
    m_faces[f] = cairo_font_face_reference(shared.face);
    m_blobs[f] = hb_blob_reference(shared.blob);
  }
}

cairo_font_face_t* DocumentFonts::face(int face_index) const {
  cairo_font_face_t* f = m_faces[static_cast<std::size_t>(face_index)];
  return f ? f : m_fonts.face(face_index);
}

bool DocumentFonts::used(int face_index) const {
  return !m_used[static_cast<std::size_t>(face_index)].empty();
}

// Subset again, from the process's shared subset (a few hundred glyphs: fast) or, if there is
// none, from the installed font: only this document's glyphs, renumbered, with a cmap for their
// characters, since an OFD reader maps TextCode characters through the font's cmap. Glyph
// outlines are the same whatever else the shared subset holds, so the bytes depend only on the
// document.
std::string DocumentFonts::font_program(int face_index) const {
  const std::size_t f = static_cast<std::size_t>(face_index);
  hb_face_t* source = nullptr;
  std::vector<hb_codepoint_t> ids;  // the glyphs to keep, as `source` numbers them
  for (const auto& used : m_used[f]) ids.push_back(static_cast<hb_codepoint_t>(used.first));
  if (m_blobs[f]) {
    std::lock_guard<std::mutex> lock(g_shared_mutex);
    const std::string key = m_fonts.file(face_index) + "#" + std::to_string(m_fonts.file_index(face_index));
    auto it = g_shared.find(key);
    if (it != g_shared.end() && it->second.blob == m_blobs[f]) {
      // Preparing costs a few subsets; the shared subset soon stops growing in a batch.
      if (!it->second.prepared) prepare_compact(it->second);
      if (it->second.prepared) {
        source = hb_face_reference(it->second.prepared);
        for (hb_codepoint_t& id : ids) id = it->second.compact_gid.at(id);
      }
    }
    if (!source) source = hb_face_create(m_blobs[f], 0);  // the shared subset has grown since build()
  } else if (hb_face_t* whole = source_face(m_fonts.file(face_index), m_fonts.file_index(face_index))) {
    source = hb_face_reference(whole);
  }
  if (!source) return {};
  std::string out;
  if (hb_subset_input_t* in = hb_subset_input_create_or_fail()) {
    hb_set_t* glyphs = hb_subset_input_glyph_set(in);
    hb_set_t* unicodes = hb_subset_input_unicode_set(in);
    for (hb_codepoint_t id : ids) hb_set_add(glyphs, id);
    for (const auto& used : m_used[f])
      if (used.second > 0x20) hb_set_add(unicodes, static_cast<hb_codepoint_t>(used.second));
    drop_unneeded_tables(in);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
    if (hb_face_t* sub = hb_subset_or_fail(source, in)) {
      hb_blob_t* blob = hb_face_reference_blob(sub);
      unsigned int length = 0;
      const char* data = hb_blob_get_data(blob, &length);
      if (data) out.assign(data, length);
      hb_blob_destroy(blob);
      hb_face_destroy(sub);
    }
    hb_subset_input_destroy(in);
  }
  hb_face_destroy(source);
  return out;
}

}  // namespace gongwen::pdf

// Messages of one area (issue 17); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

// Sorted by code.
const CatalogEntry kSearch[] = {
    {"search.suggest", "您要找的是不是：{query}", "Did you mean: {query}"},
    {"search.vocabulary.expanded", "已按本单位检索词表扩展：{word} → {words}",
     "Expanded with the office's search vocabulary: {word} → {words}"},
    {"search.vocabulary.format",
     "检索词表每行写一组同义词或简称与全称，用空格分开，例如：三农 农业农村农民；# 开头为注释",
     "The search vocabulary has one group a line, its words separated by spaces, e.g. "
     "三农 农业农村农民; # starts a comment"},
    {"search.vocabulary.skipped", "{problem}；此行未用，其余词组照常使用（请修改检索词表）",
     "{problem}; that line was left out, the other groups apply (correct the vocabulary file)"},
    {"search.vocabulary.missing", "检索词表 {file} 不存在", "search vocabulary {file} does not exist"},
    {"search.vocabulary.single", "检索词表 {file} 第 {line} 行只有一个词“{word}”：每行至少两个同义词",
     "search vocabulary {file}, line {line}: only one word “{word}”: a group needs two or more"},
    {"search.vocabulary.utf8", "检索词表 {file} 不是 UTF-8 文本", "search vocabulary {file} is not UTF-8 text"},
    {"search.vocabulary.word",
     "检索词表 {file} 第 {line} 行的“{word}”不能用作检索词（超过 40 个字或含引号）",
     "search vocabulary {file}, line {line}: “{word}” cannot be a search word (over 40 characters "
     "or a quote in it)"},
};

}  // namespace

std::span<const CatalogEntry> entries_search() { return kSearch; }

}  // namespace gongwen::messages

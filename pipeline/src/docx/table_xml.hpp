#pragma once
// Table and picture blocks of word/document.xml (table_xml.cpp).
#include "docx/body.hpp"

namespace gongwen::docx {

void write_table(Body& b, const Table& t);
void write_image(Body& b, const Image& img);

}  // namespace gongwen::docx

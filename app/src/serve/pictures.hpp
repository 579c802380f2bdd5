#pragma once
// A web drafter's pictures. Each user has one folder inside the workspace,
// drafts/web/<user>/, where the server stores the pictures that user uploads or imports from
// Word, under names it chooses from their bytes (img-<SHA-256 prefix>.png|.jpg), and writes
// that user's submitted drafts. A draft's picture lines are read relative to its own folder
// (pipeline read_draft's base_dir; services::Office reads a draft's pictures beside it), so the
// preview, the submitted draft and the issued document all see the same files. From the web
// a picture line may name only such a stored file: no path from a request reaches anywhere else.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gongwen/pipeline/draft.hpp"

namespace gongwen::app::serve {

// <workspace>/drafts/web/<user>; created when `create`. Fails (Io) when the folder, or a
// folder above it, leads outside the workspace (a symlink put there by hand).
std::filesystem::path picture_dir(const std::filesystem::path& workspace, const std::string& user,
                                  bool create);

// Checks `bytes` by content (PNG or JPEG, at most kMaxUploadBytes) and stores them in `dir`
// unless already there; returns the file name. `what` names the picture in messages.
std::string store_picture(const std::filesystem::path& dir, std::string_view bytes, const std::string& what);

// An attachment's text (UTF-8) stored in `dir` under the name its bytes give it,
// att-<SHA-256 prefix>.txt (serve/draft_form.hpp attachment_name); returns the name.
std::string store_attachment(const std::filesystem::path& dir, std::string_view text);

// Every picture line in the form's text (body and template fields) names one of the stored
// pictures of `dir`. Throws BadInput naming the field, the line, the picture and what to do.
void check_form_pictures(const nlohmann::json& form, const std::filesystem::path& dir);

// The same for the pictures of a read draft (body and attachments): the fence behind
// check_form_pictures for picture lines that template text put together.
void check_draft_pictures(const Draft& draft, const std::filesystem::path& dir);

}  // namespace gongwen::app::serve

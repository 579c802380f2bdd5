#pragma once
// Checks on a request's head (request line and header fields, up to the blank line) that
// cpp-httplib does not make: framing that two readers could take differently is refused
// before any handler sees the request (request smuggling through a proxy, issue 13).
#include <string>
#include <string_view>

namespace gongwen::app::serve {

// The end of the head (just past "\r\n\r\n" or "\n\n") in `bytes`, or npos if not all of it
// has arrived yet.
std::size_t end_of_head(std::string_view bytes);

// Empty when the head may be handed to the server; otherwise why it is refused (English, for
// the 400 reply's log): two Content-Length fields that differ, a Content-Length that is not a
// number, or Content-Length together with Transfer-Encoding.
std::string head_framing_problem(std::string_view head);

}  // namespace gongwen::app::serve

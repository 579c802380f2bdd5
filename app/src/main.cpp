#include "cli.hpp"

int main(int argc, char** argv) { return gongwen::app::run_cli(argc, argv); }

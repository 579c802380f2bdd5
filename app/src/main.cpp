#include <sys/stat.h>

#include "cli.hpp"

int main(int argc, char** argv) {
  // The workspace holds secret documents, the registers and the index: everything gongwen
  // creates is for the service's user and group only (files 0640, folders 0750), whatever
  // umask the shell or the service manager left.
  ::umask(027);
  return gongwen::app::run_cli(argc, argv);
}

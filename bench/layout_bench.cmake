# bench_layout: render speed of the PDF and DOCX writers (bench/layout_bench.cpp).
add_executable(bench_layout ${CMAKE_CURRENT_LIST_DIR}/layout_bench.cpp)
target_link_libraries(bench_layout PRIVATE gongwen_pipeline nlohmann_json::nlohmann_json)
target_compile_definitions(bench_layout PRIVATE GONGWEN_SAMPLES_DIR="${PROJECT_SOURCE_DIR}/samples"
                                              GONGWEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

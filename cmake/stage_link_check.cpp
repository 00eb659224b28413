// The program rkplan_stage_<stage> (CMakeLists.txt): a stage's objects and those of the
// stages it may use, linked whole. It is never run: it links only if the stage calls
// nothing outside them.
int main() { return 0; }

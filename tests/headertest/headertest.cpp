/*
 * headertest.cpp: the same test as headertest.c, compiled as C++.
 */
#include "headertest.c"

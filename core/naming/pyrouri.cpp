#include "naming/pyrouri.h"

#include "protocol/framereader.h"

/* placeholder until the compiler lands */
#include "config.h"

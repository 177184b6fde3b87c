#pragma once
#include "execution/operator/physical_join.hpp"

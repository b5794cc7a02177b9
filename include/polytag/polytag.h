// Everything polytag offers, in one include.
#ifndef POLYTAG_POLYTAG_H_
#define POLYTAG_POLYTAG_H_

#include "polytag/batch.h"
#include "polytag/lexicon.h"
#include "polytag/options.h"
#include "polytag/report.h"
#include "polytag/tagger.h"
#include "polytag/tags.h"
#include "polytag/version.h"

#endif  // POLYTAG_POLYTAG_H_

// Everything polytag offers, in one include.
#ifndef POLYTAG_POLYTAG_H_
#define POLYTAG_POLYTAG_H_

#include "polytag/batch.h"
#include "polytag/coverage.h"
#include "polytag/evaluation.h"
#include "polytag/importer.h"
#include "polytag/lexicon.h"
#include "polytag/lexicon_check.h"
#include "polytag/lexicon_stats.h"
#include "polytag/lexicon_writer.h"
#include "polytag/options.h"
#include "polytag/report.h"
#include "polytag/tagger.h"
#include "polytag/tags.h"
#include "polytag/version.h"

#endif  // POLYTAG_POLYTAG_H_

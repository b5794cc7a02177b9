// Batch tagging: stream JSONL in, one line out per line in, in input order.
//
// One pipeline for the whole run: `threads` workers (the calling thread and threads - 1
// others, created once) share a ring of record slots, and each worker takes whichever
// job is ready, first of:
//   1. write the tagged records at the head of the ring, in order;
//   2. read lines into free slots, when fewer read records wait than there are workers;
//   3. tag the oldest read record: parse, tag and serialise, where the time goes.
// Reading and writing are roles that one worker at a time holds and does outside the
// lock, so they overlap with the tagging of other records instead of stopping it, and no
// worker waits for the slowest record of a chunk. What is in flight (read, not yet
// written) is bounded by the ring, threads x chunk_records records, and by
// max_buffered_bytes. With one thread the caller alone reads a chunk, then tags and
// writes it record by record: no other thread, no waiting.
#include "polytag/batch.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "batch_record.h"

namespace polytag {
namespace {

using internal::BatchRecord;

class Pipeline {
 public:
  Pipeline(const Tagger& tagger, std::istream& in, std::ostream& out, const BatchOptions& options,
           size_t max_line_bytes)
      : tagger_(tagger),
        in_(in),
        out_(out),
        options_(options),
        max_line_bytes_(max_line_bytes),
        reader_(in, max_line_bytes),
        ring_(static_cast<size_t>(options.threads) * options.chunk_records) {
    report_ = options.report;
    report_.pretty = false;
  }

  absl::StatusOr<BatchStats> Run();

 private:
  struct Slot {
    BatchRecord record;
    size_t tagged = 0;  // 1 + the sequence number of the record last tagged here; mu_
  };

  Slot& At(size_t seq) { return ring_[seq % ring_.size()]; }

  // One worker: takes jobs until the run is over or the output failed.
  void Work();

  // The jobs of the reader's and the writer's roles, run without the lock. Read fills
  // up to `room` slots from `first` on and says how many lines and bytes it took, and
  // whether the input goes on; `buffered` is what was in flight when it began. Write
  // writes [first, end), says how many input bytes that frees, and returns false when
  // the output failed.
  bool Read(size_t first, size_t room, size_t buffered, size_t* lines, size_t* bytes);
  bool Write(size_t first, size_t end, size_t* bytes);

  const Tagger& tagger_;
  std::istream& in_;
  std::ostream& out_;
  const BatchOptions& options_;
  const size_t max_line_bytes_;
  ReportOptions report_;
  internal::LineReader reader_;  // the reader's
  std::vector<Slot> ring_;

  std::mutex mu_;
  std::condition_variable changed_;  // a role was given back, or the run stopped
  // Records by sequence number: [written_, read_) are in flight, of which
  // [claimed_, read_) wait for a worker to tag them.
  size_t written_ = 0, claimed_ = 0, read_ = 0;
  size_t buffered_ = 0;  // input bytes of the records in flight
  bool reading_ = false, writing_ = false;
  bool input_ended_ = false;  // at the end of the input, or reading failed
  bool read_failed_ = false;
  bool write_failed_ = false;  // stops every worker

  // The writer's. stats_ counts only records whose line reached the output whole.
  BatchStats stats_;
  bool partial_line_ = false;  // the failed write may have left part of a line
};

void Pipeline::Work() {
  DocumentTags tags;  // reused from record to record: its memory outlives each record's tags
  internal::RecordParser parser;  // the same
  std::unique_lock<std::mutex> lock(mu_);
  while (!write_failed_) {
    if (!writing_ && written_ < claimed_ && At(written_).tagged == written_ + 1) {
      const size_t first = written_;
      size_t end = first + 1;
      while (end < claimed_ && At(end).tagged == end + 1) ++end;
      writing_ = true;
      lock.unlock();
      size_t freed = 0;
      const bool ok = Write(first, end, &freed);
      lock.lock();
      writing_ = false;
      written_ = end;
      buffered_ -= freed;
      write_failed_ = !ok;
      changed_.notify_all();
      continue;
    }
    const size_t in_flight = read_ - written_;
    if (!reading_ && !input_ended_ && read_ - claimed_ < static_cast<size_t>(options_.threads) &&
        in_flight < ring_.size() && (in_flight == 0 || buffered_ < options_.max_buffered_bytes)) {
      const size_t first = read_, buffered = buffered_;
      const size_t room = std::min(ring_.size() - in_flight, options_.chunk_records);
      reading_ = true;
      lock.unlock();
      size_t lines = 0, bytes = 0;
      const bool more = Read(first, room, buffered, &lines, &bytes);
      lock.lock();
      reading_ = false;
      read_ += lines;
      buffered_ += bytes;
      input_ended_ = !more;
      changed_.notify_all();
      continue;
    }
    if (claimed_ < read_) {
      const size_t seq = claimed_++;
      lock.unlock();
      internal::TagRecord(tagger_, report_, max_line_bytes_, &At(seq).record, &parser, &tags);
      lock.lock();
      // No one to wake: either this worker writes the record next, or the writer of the
      // moment sees it when it comes back for more.
      At(seq).tagged = seq + 1;
      continue;
    }
    if (input_ended_ && written_ == read_) break;
    changed_.wait(lock);
  }
  changed_.notify_all();  // the run is over: let the waiting workers see it
}

bool Pipeline::Read(size_t first, size_t room, size_t buffered, size_t* lines, size_t* bytes) {
  // As many lines as fit, and always one when nothing is in flight.
  while (*lines < room && (*lines == 0 || buffered + *bytes < options_.max_buffered_bytes)) {
    BatchRecord& record = At(first + *lines).record;
    const bool got = reader_.Read(&record);
    if (in_.bad()) {  // a line cut short by the failure is not a record
      read_failed_ = true;  // only read by the caller once every worker is done
      return false;
    }
    if (!got) return false;
    *bytes += record.line.size();
    ++*lines;
  }
  return true;
}

bool Pipeline::Write(size_t first, size_t end, size_t* bytes) {
  for (size_t seq = first; seq < end; ++seq) {
    BatchRecord& record = At(seq).record;
    // A stream already failed by its owner takes nothing of this record.
    if (!out_) return false;
    // Flushed line by line: a failed flush says nothing of how much of its buffer went
    // out, so with several lines in it the count of whole lines written would be a
    // guess. One write a record costs little beside tagging it.
    out_ << record.output << '\n';
    if (!out_.flush()) {
      partial_line_ = true;
      return false;
    }
    ++stats_.records;
    (record.failed ? stats_.failed : stats_.tagged) += 1;
    *bytes += record.line.size();
    record.Clear();
  }
  return true;
}

absl::StatusOr<BatchStats> Pipeline::Run() {
  std::vector<std::thread> helpers;
  for (int t = 1; t < options_.threads; ++t) {
    try {
      helpers.emplace_back([this] { Work(); });
    } catch (const std::system_error&) {
      break;  // out of threads: fewer workers give the same output
    }
  }
  Work();
  for (std::thread& t : helpers) t.join();
  if (!write_failed_) out_.flush();
  if (write_failed_ || !out_) {
    return absl::UnavailableError(absl::StrCat(
        "writing the output failed (closed pipe or full disk) after ", stats_.records, " records: the output holds ",
        stats_.records, " whole lines", partial_line_ ? " and may end in part of the next one" : " and nothing more"));
  }
  if (read_failed_) {
    return absl::DataLossError(absl::StrCat("reading the input failed after ", read_,
                                            " records; the output holds the first ", stats_.records));
  }
  return stats_;
}

}  // namespace

absl::StatusOr<BatchStats> RunBatch(const Tagger& tagger, std::istream& in, std::ostream& out,
                                    const BatchOptions& options) {
  if (options.threads < 1 || options.threads > kMaxBatchThreads) {
    return absl::InvalidArgumentError(
        absl::StrCat("BatchOptions::threads must be from 1 to ", kMaxBatchThreads, ", not ", options.threads));
  }
  if (options.chunk_records < 1 || options.chunk_records > kMaxBatchChunkRecords) {
    return absl::InvalidArgumentError(absl::StrCat("BatchOptions::chunk_records must be from 1 to ",
                                                   kMaxBatchChunkRecords, ", not ", options.chunk_records));
  }
  const size_t max_line_bytes = options.max_line_bytes > 0
                                    ? options.max_line_bytes
                                    : tagger.options().max_document_bytes * 6 + (64 << 10);
  // An input tied to an output (std::cin is, to std::cout) flushes that output before
  // each read, which would be from the reader's thread while the writer's thread writes
  // to it. So it is flushed once here, and tied again at the end.
  std::ostream* const tied = in.tie(nullptr);
  if (tied != nullptr) tied->flush();
  absl::StatusOr<BatchStats> stats = Pipeline(tagger, in, out, options, max_line_bytes).Run();
  in.tie(tied);
  return stats;
}

}  // namespace polytag

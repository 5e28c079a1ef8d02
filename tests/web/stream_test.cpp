#include <gtest/gtest.h>

#include <thread>

#include "gateway/sse.hpp"

using namespace erde::web;
using std::chrono::milliseconds;

TEST(SseFrame, FramesIdEventAndData) {
  EXPECT_EQ(sse_frame("update", 7, R"({"a":1})"), "id: 7\nevent: update\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(sse_frame("state", 0, "x"), "event: state\ndata: x\n\n");
}

TEST(SseFrame, SplitsLinesSoNoDataEndsTheEventEarly) {
  EXPECT_EQ(sse_frame("", 0, "one\ntwo\r\n\nthree"), "data: one\ndata: two\ndata: \ndata: three\n\n");
  EXPECT_EQ(sse_comment("a\nb"), ": a b\n\n");
}

TEST(EventLog, GivesEventsAfterACursorInOrder) {
  EventLog log(10);
  EXPECT_EQ(log.end_id(), 1u);
  EXPECT_EQ(log.append("update", "1"), 1u);
  EXPECT_EQ(log.append("update", "2"), 2u);
  auto batch = log.wait_after(0, milliseconds(0));
  ASSERT_EQ(batch.events.size(), 2u);
  EXPECT_EQ(batch.events[1].data, "2");
  batch = log.wait_after(1, milliseconds(0));
  ASSERT_EQ(batch.events.size(), 1u);
  EXPECT_EQ(batch.events[0].id, 2u);
  EXPECT_TRUE(log.wait_after(2, milliseconds(10)).events.empty());
}

TEST(EventLog, AStreamThatFellBehindIsToldSo) {
  EventLog log(3);
  for (int i = 0; i < 5; ++i) log.append("update", std::to_string(i));
  auto batch = log.wait_after(0, milliseconds(0));
  EXPECT_TRUE(batch.behind);
  EXPECT_TRUE(batch.events.empty());
  batch = log.wait_after(2, milliseconds(0));
  EXPECT_FALSE(batch.behind);
  EXPECT_EQ(batch.events.size(), 3u);
}

TEST(EventLog, AWaitingStreamWakesOnAppendWithinMilliseconds) {
  EventLog log;
  auto started = std::chrono::steady_clock::now();
  std::thread writer([&] {
    std::this_thread::sleep_for(milliseconds(50));
    log.append("update", "late");
  });
  auto batch = log.wait_after(0, milliseconds(5000));
  auto waited = std::chrono::steady_clock::now() - started;
  writer.join();
  ASSERT_EQ(batch.events.size(), 1u);
  EXPECT_LT(waited, milliseconds(1000));
}

TEST(EventLog, WakeEndsAWait) {
  EventLog log;
  std::thread waker([&] {
    std::this_thread::sleep_for(milliseconds(50));
    log.wake();
  });
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(log.wait_after(0, milliseconds(5000)).events.empty());
  waker.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1000));
}

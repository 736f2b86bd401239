// The mock server over loopback, seen by a raw socket: exact bytes, chunk boundaries, aborts,
// recording, reconnections, redirects, control endpoints, vanishing clients.
#include "mock_server.h"
#include "raw_client.h"
#include "scenario_loader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ssespec::mock {
namespace {

using test::RawClient;

Scenario scenario_from(const std::string& name, const std::string& json) {
  ScenarioLoad load;
  load_scenario_text(json, name, name + ".json", load);
  EXPECT_TRUE(load.errors.empty()) << (load.errors.empty() ? "" : load.errors.front());
  return load.scenarios.empty() ? Scenario{} : load.scenarios.front();
}

class ServerTest : public ::testing::Test {
protected:
  void serve(std::vector<Scenario> scenarios, const Transform& transform = {}) {
    for (auto& scenario : scenarios)
      scenario = apply_transform(scenario, transform);
    server_ = std::make_unique<MockServer>(std::move(scenarios));
    std::string error;
    ASSERT_TRUE(server_->start(error)) << error;
    ASSERT_GT(server_->port(), 0);
  }
  std::string get(const std::string& path, const std::string& headers = "") {
    RawClient client(server_->port());
    EXPECT_TRUE(client.connected());
    EXPECT_TRUE(client.send_all(test::http_get(path, headers + "Connection: close\r\n")));
    return client.read_to_end();
  }
  std::unique_ptr<MockServer> server_;
};

const char* kTwoChunks = R"({"connections": [{"steps": [
  {"kind": "send", "chunks": ["data: a\n", "\n"]},
  {"kind": "retry", "ms": 250}
]}]})";

TEST_F(ServerTest, SendsExactBytesInChunkedEncoding) {
  serve({scenario_from("two", kTwoChunks)});
  auto raw = get("/scenarios/two");
  auto response = test::split_response(raw);
  EXPECT_EQ(response.head.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(response.head.find("Content-Type: text/event-stream\r\n"), std::string::npos) << response.head;
  EXPECT_NE(response.head.find("Access-Control-Allow-Origin: *\r\n"), std::string::npos) << response.head;
  // Each chunk of the scenario is one chunk of the encoding, then the terminating chunk.
  EXPECT_EQ(response.body, "8\r\ndata: a\n\r\n1\r\n\n\r\nb\r\nretry: 250\n\r\n0\r\n\r\n");
}

TEST_F(ServerTest, ChunkFlushedBeforeAPauseArrivesAlone) {
  serve({scenario_from("pause", R"({"connections": [{"steps": [
    {"kind": "send", "chunks": ["data: one\n\n"]},
    {"kind": "sleep", "ms": 1500},
    {"kind": "send", "chunks": ["data: two\n\n"]}
  ]}]})")});
  RawClient client(server_->port());
  ASSERT_TRUE(client.send_all(test::http_get("/scenarios/pause")));
  // The first chunk must be readable while the server still sleeps: what has arrived by the time
  // it is complete ends exactly at its chunk boundary and holds nothing of the second.
  ASSERT_TRUE(client.read_until("data: one\n\n\r\n"));
  EXPECT_EQ(client.received().find("two"), std::string::npos);
  EXPECT_TRUE(client.received().ends_with("\r\nb\r\ndata: one\n\n\r\n")) << client.received();
  ASSERT_TRUE(client.read_until("data: two\n\n\r\n"));
}

TEST_F(ServerTest, AbortLeavesTheChunkedEncodingUnfinished) {
  serve({scenario_from("abort", R"({"connections": [{"steps": [
    {"kind": "send", "chunks": ["data: partial"]},
    {"kind": "abort"}
  ]}]})")});
  auto body = test::split_response(get("/scenarios/abort")).body;
  EXPECT_EQ(body, "d\r\ndata: partial\r\n");
  bool complete = true;
  EXPECT_EQ(test::dechunk(body, complete), "data: partial");
  EXPECT_FALSE(complete);
  auto requests = server_->recorder().snapshot();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].end, "aborted");
}

TEST_F(ServerTest, CloseFramingEndsWithTheConnection) {
  serve({scenario_from("plain", R"({"connections": [{"framing": "close", "steps": [
    {"kind": "send", "chunks": ["data: x\n\n"]}
  ]}]})")});
  auto response = test::split_response(get("/scenarios/plain"));
  EXPECT_EQ(response.body, "data: x\n\n");
  EXPECT_EQ(response.head.find("Transfer-Encoding"), std::string::npos) << response.head;
}

TEST_F(ServerTest, RecordsReconnectionsAndHeaderMismatches) {
  serve({scenario_from("reconnect", R"({"connections": [
    {"expect": {"headers": {"Last-Event-ID": null, "Accept": "text/event-stream"}},
     "steps": [{"kind": "send", "chunks": ["id: 1\ndata: a\n\n"]}, {"kind": "close"}]},
    {"expect": {"headers": {"Last-Event-ID": "1"}},
     "steps": [{"kind": "send", "chunks": ["data: b\n\n"]}]}
  ]})")});
  get("/scenarios/reconnect", "Accept: text/event-stream\r\n");
  get("/scenarios/reconnect?x=1", "Accept: text/event-stream\r\nLast-Event-ID: 7\r\n");
  auto third = get("/scenarios/reconnect");
  EXPECT_EQ(third.substr(0, 12), "HTTP/1.1 204");

  auto requests = server_->recorder().snapshot();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(requests[i].scenario, "reconnect");
    EXPECT_EQ(requests[i].connection, i);
    EXPECT_EQ(requests[i].method, "GET");
  }
  EXPECT_TRUE(requests[0].mismatches.empty()) << requests[0].mismatches.front();
  ASSERT_EQ(requests[1].mismatches.size(), 1u);
  EXPECT_EQ(requests[1].mismatches[0], "header Last-Event-ID: expected \"1\", got \"7\"");
  EXPECT_EQ(requests[1].query, "x=1");
  EXPECT_EQ(requests[0].end, "closed");
  ASSERT_TRUE(requests[0].end_ms.has_value());
  EXPECT_LE(requests[0].t_ms, *requests[0].end_ms);
  EXPECT_LE(*requests[0].end_ms, requests[1].t_ms);
  EXPECT_EQ(requests[2].status, 204);
  bool saw_accept = false;
  for (const auto& [name, value] : requests[0].headers)
    saw_accept |= name == "Accept" && value == "text/event-stream";
  EXPECT_TRUE(saw_accept);
}

TEST_F(ServerTest, ControlEndpointsServeAndResetTheRecord) {
  serve({scenario_from("two", kTwoChunks)});
  get("/scenarios/two");
  auto raw = get("/_ssespec/requests");
  // The control answer is plain JSON (Content-Length, no chunks) with one request in it.
  auto body = test::split_response(raw).body;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << body;
  ASSERT_EQ(parsed["requests"].size(), 1u);
  EXPECT_EQ(parsed["requests"][0]["path"], "/scenarios/two");
  EXPECT_EQ(parsed["requests"][0]["connection"], 0);

  RawClient reset(server_->port());
  reset.send_all(
      "POST /_ssespec/reset HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  reset.read_to_end();
  EXPECT_TRUE(server_->recorder().snapshot().empty());
  // The connection count starts again: the scenario's first connection answers once more.
  EXPECT_EQ(get("/scenarios/two").substr(0, 12), "HTTP/1.1 200");
}

TEST_F(ServerTest, RedirectsWithLocation) {
  serve({scenario_from("moved", R"({"connections": [
    {"steps": [{"kind": "redirect", "status": 307, "location": "{path}?moved=1"}]},
    {"expect": {"query": "moved=1"}, "steps": [{"kind": "send", "chunks": ["data: here\n\n"]}]}
  ]})")});
  auto head = test::split_response(get("/scenarios/moved")).head;
  EXPECT_EQ(head.substr(0, 12), "HTTP/1.1 307");
  EXPECT_NE(head.find("Location: /scenarios/moved?moved=1\r\n"), std::string::npos) << head;
  get("/scenarios/moved?moved=1");
  auto requests = server_->recorder().snapshot();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].end, "redirect");
  EXPECT_TRUE(requests[1].mismatches.empty());
}

TEST_F(ServerTest, StatusAndContentTypeAsScripted) {
  serve({scenario_from("plain-type", R"({"connections": [{"status": 200,
      "headers": {"Content-Type": "text/plain", "X-Test": "1"},
      "steps": [{"kind": "send", "chunks": ["data: x\n\n"]}]}]})"),
         scenario_from("no-type", R"({"connections": [{"headers": {"Content-Type": null},
      "steps": [{"kind": "send", "chunks": ["data: x\n\n"]}]}]})"),
         scenario_from("error", R"({"connections": [{"status": 503}]})")});
  auto head = test::split_response(get("/scenarios/plain-type")).head;
  EXPECT_NE(head.find("Content-Type: text/plain\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("X-Test: 1\r\n"), std::string::npos) << head;
  head = test::split_response(get("/scenarios/no-type")).head;
  EXPECT_EQ(head.find("text/event-stream"), std::string::npos) << head;
  EXPECT_EQ(get("/scenarios/error").substr(0, 12), "HTTP/1.1 503");
  EXPECT_EQ(get("/scenarios/nothing-here").substr(0, 12), "HTTP/1.1 404");
}

TEST_F(ServerTest, LineEndingAndByteChunkingTransforms) {
  Transform transform;
  transform.line_endings = LineEnding::crlf;
  transform.chunking = ssespec::Chunking::bytes();
  serve({scenario_from("two", kTwoChunks)}, transform);
  auto body = test::split_response(get("/scenarios/two")).body;
  bool complete = false;
  EXPECT_EQ(test::dechunk(body, complete), "data: a\r\n\r\nretry: 250\r\n");
  EXPECT_TRUE(complete);
  // One byte per chunk: "1\r\nX\r\n" for each of the 23 bytes, then "0\r\n\r\n".
  EXPECT_EQ(body.size(), 23u * 6 + 5);
  EXPECT_EQ(body.substr(0, 12), "1\r\nd\r\n1\r\na\r\n");
}

TEST_F(ServerTest, KeepsServingWhenClientsVanishMidStream) {
  serve({scenario_from("beat", R"({"connections": [
    {"steps": [{"kind": "heartbeat", "every_ms": 5, "for_ms": 2000}]},
    {"steps": [{"kind": "heartbeat", "every_ms": 5, "for_ms": 2000}]},
    {"steps": [{"kind": "send", "chunks": ["data: still here\n\n"]}]}
  ]})")});
  for (int i = 0; i < 2; ++i) {
    RawClient gone(server_->port());
    gone.send_all(test::http_get("/scenarios/beat"));
    ASSERT_TRUE(gone.read_until(":\n"));
    gone.close(); // mid-stream: the server's next writes fail
  }
  EXPECT_NE(get("/scenarios/beat").find("data: still here"), std::string::npos);
  // The vanished streams end as peer-gone well before their 2 s, once a write fails.
  for (int tries = 0; tries < 200; ++tries) {
    auto requests = server_->recorder().snapshot();
    if (requests[0].end_ms && requests[1].end_ms) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto requests = server_->recorder().snapshot();
  EXPECT_EQ(requests[0].end, "peer-gone");
  EXPECT_EQ(requests[1].end, "peer-gone");
}

TEST_F(ServerTest, StopWakesStalledStreams) {
  serve({scenario_from("stall", R"({"connections": [{"steps": [
    {"kind": "send", "chunks": [":hi\n"]}, {"kind": "stall", "ms": 600000}]}]})")});
  RawClient client(server_->port());
  client.send_all(test::http_get("/scenarios/stall"));
  ASSERT_TRUE(client.read_until(":hi\n"));
  server_->stop(); // would take ten minutes if the stall ignored it
  auto requests = server_->recorder().snapshot();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].end, "server-stopped");
}

TEST_F(ServerTest, RecordKeepsTheFirstMibOfABodyAndSaysSo) {
  serve({scenario_from("post", R"({"connections": [{"expect": {"body": {"repeat": "ab", "count": 1048576}},
      "steps": [{"kind": "send", "chunks": ["data: ok\n\n"]}]}]})")});
  const std::string body(std::size_t{2} << 20, 'x');
  RawClient client(server_->port());
  ASSERT_TRUE(
      client.send_all("POST /scenarios/post HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body));
  client.read_to_end();
  auto requests = server_->recorder().snapshot();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body.size(), kMaxRecordedBody);
  EXPECT_EQ(requests[0].body_size, body.size());
  // The expectation was checked against the whole body, not the recorded part.
  ASSERT_EQ(requests[0].mismatches.size(), 1u);
  EXPECT_NE(requests[0].mismatches[0].find("got 2097152 bytes"), std::string::npos)
      << requests[0].mismatches[0];
  auto json = request_to_json(requests[0]);
  EXPECT_EQ(json["body_truncated"], true);
}

TEST_F(ServerTest, PrimaryScenarioAnswersEveryOtherPath) {
  serve({scenario_from("two", kTwoChunks)});
  server_->set_primary("two");
  auto raw = get("/anything/at/all");
  EXPECT_NE(raw.find("data: a"), std::string::npos);
  EXPECT_EQ(server_->recorder().snapshot().at(0).scenario, "two");
}

} // namespace
} // namespace ssespec::mock

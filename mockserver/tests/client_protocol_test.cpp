// ssespec-client/1 lines: round trips, and malformed lines named.
#include "client_protocol.h"

#include <gtest/gtest.h>

namespace ssespec::client {
namespace {

TEST(ClientProtocol, CommandRoundTrip) {
  Command open;
  open.id = "s1";
  open.cmd = "open";
  open.url = "http://127.0.0.1:1/scenarios/x";
  open.method = "POST";
  open.headers = {{"X-A", "1"}};
  open.body = "{\"q\":1}";
  open.event_types = {"message", "update"};
  auto decoded = decode_command(encode_command(open));
  ASSERT_TRUE(decoded.value) << decoded.error;
  EXPECT_EQ(decoded.value->url, open.url);
  EXPECT_EQ(decoded.value->method, "POST");
  EXPECT_EQ(decoded.value->headers, open.headers);
  EXPECT_EQ(decoded.value->body, open.body);
  EXPECT_EQ(decoded.value->event_types, open.event_types);
  EXPECT_EQ(decode_command(R"({"id":"s","cmd":"open","url":"u","event_types":[1]})").error,
            "\"event_types\" must be an array of strings");
  EXPECT_EQ(decode_command(R"({"id":"s1","cmd":"close"})").value->cmd, "close");
}

TEST(ClientProtocol, RecordRoundTrip) {
  Record record;
  record.id = "s1";
  record.kind = "event";
  record.type = "update";
  record.data = "a\nb";
  record.last_event_id = "7";
  auto decoded = decode_record(encode_record(record));
  ASSERT_TRUE(decoded.value) << decoded.error;
  EXPECT_EQ(decoded.value->type, "update");
  EXPECT_EQ(decoded.value->data, "a\nb");
  EXPECT_EQ(decoded.value->last_event_id, "7");
  // type defaults to message, as in the DOM.
  EXPECT_EQ(decode_record(R"({"id":"s","kind":"event","data":"x"})").value->type, "message");
}

TEST(ClientProtocol, MalformedLinesNamed) {
  EXPECT_EQ(decode_record("nope").error, "record is not a JSON object");
  EXPECT_EQ(decode_record(R"({"id":"s","kind":"party"})").error, "unknown kind \"party\"");
  EXPECT_EQ(decode_record(R"({"id":"s","kind":"event"})").error, "event: \"data\" is required");
  EXPECT_EQ(decode_record(R"({"id":"s","kind":"readyState","readyState":5})").error,
            "\"readyState\" must be 0, 1 or 2");
  EXPECT_EQ(decode_command(R"({"id":"s","cmd":"jump"})").error, "unknown cmd \"jump\" (open, close)");
  EXPECT_EQ(decode_command(R"({"id":"s","cmd":"open"})").error, "\"url\" is required");
  EXPECT_EQ(decode_hello(R"({"protocol":"ssespec-adapter/1","name":"x"})").error,
            "hello: protocol is \"ssespec-adapter/1\", expected \"ssespec-client/1\"");
}

} // namespace
} // namespace ssespec::client

#include "adapter_protocol.h"

#include <gtest/gtest.h>

namespace ssespec::protocol {
namespace {

TEST(AdapterProtocolTest, RequestRoundTrip) {
  const Request request{"line-endings/cr#3", {"data: a\r", "", "\r\xFF"}};
  const Decoded<Request> decoded = decode_request(encode_request(request));
  ASSERT_TRUE(decoded.value) << decoded.error;
  EXPECT_EQ(decoded.value->id, request.id);
  EXPECT_EQ(decoded.value->chunks, request.chunks);
}

TEST(AdapterProtocolTest, ResponseRoundTrip) {
  Response response{"x",
                    {{"message", "a\nb", "7", 2}, {"t", "", "", std::nullopt}},
                    {0, 18446744073709551615u},
                    std::vector<std::string>{" c"},
                    std::nullopt};
  const Decoded<Response> decoded = decode_response(encode_response(response));
  ASSERT_TRUE(decoded.value) << decoded.error;
  EXPECT_EQ(decoded.value->events.size(), 2u);
  EXPECT_EQ(decoded.value->events[0].chunk, 2u);
  EXPECT_FALSE(decoded.value->events[1].chunk.has_value());
  EXPECT_EQ(decoded.value->events[0].data, "a\nb");
  EXPECT_EQ(decoded.value->retry, response.retry);
  EXPECT_EQ(decoded.value->comments, response.comments);
}

TEST(AdapterProtocolTest, ErrorResponse) {
  const Decoded<Response> decoded = decode_response(R"({"id":"a","error":"boom"})");
  ASSERT_TRUE(decoded.value);
  EXPECT_EQ(decoded.value->error, "boom");
}

TEST(AdapterProtocolTest, MalformedRequestsNameTheProblem) {
  EXPECT_EQ(decode_request("{").error, "not valid JSON");
  EXPECT_EQ(decode_request("[]").error, "not a JSON object");
  EXPECT_EQ(decode_request(R"({"chunks":[]})").error, "missing \"id\"");
  EXPECT_EQ(decode_request(R"({"id":5,"chunks":[]})").error, "\"id\" is not a string");
  const Decoded<Request> no_chunks = decode_request(R"({"id":"q"})");
  EXPECT_EQ(no_chunks.error, "missing \"chunks\"");
  EXPECT_EQ(no_chunks.id, "q");
  EXPECT_EQ(decode_request(R"({"id":"q","chunks":[1]})").error, "chunks[0] is not a string");
  EXPECT_NE(decode_request(R"({"id":"q","chunks":["ok==","%%"]})").error.find("chunks[1]"),
            std::string::npos);
}

TEST(AdapterProtocolTest, MalformedResponsesNameTheProblem) {
  EXPECT_EQ(decode_response("garbage").error, "not valid JSON");
  EXPECT_EQ(decode_response(R"({"id":"a"})").error, "missing \"events\"");
  EXPECT_EQ(decode_response(R"({"id":"a","events":[{"type":"m"}]})").error, "events[0]: missing \"data\"");
  EXPECT_EQ(decode_response(R"({"id":"a","events":[],"retry":[-1]})").error,
            "\"retry\" holds something other than a non-negative integer");
  EXPECT_EQ(decode_response(R"({"id":"a","events":[{"type":"m","data":"","chunk":-2}]})").error,
            "events[0]: \"chunk\" is not a non-negative integer");
}

TEST(AdapterProtocolTest, HelloChecksTheProtocol) {
  EXPECT_TRUE(decode_hello(R"({"protocol":"ssespec-adapter/1","name":"x","capabilities":["retry"]})").value);
  EXPECT_NE(decode_hello(R"({"protocol":"other/2","name":"x"})").error.find("unsupported protocol"),
            std::string::npos);
  EXPECT_EQ(decode_hello(R"({"protocol":"ssespec-adapter/1"})").error, "missing \"name\"");
}

} // namespace
} // namespace ssespec::protocol

namespace ssespec::protocol {
namespace {

// nlohmann::json throws out_of_range for numbers past a double even with exceptions off.
TEST(AdapterProtocolTest, HugeNumbersAreMalformedNotACrash) {
  EXPECT_EQ(decode_request(R"({"id":"a","chunks":[],"x":1e99999})").error, "not valid JSON");
  EXPECT_EQ(decode_response(R"({"id":"a","events":[],"retry":[1e99999]})").error, "not valid JSON");
  EXPECT_EQ(decode_hello(R"({"protocol":1e99999})").error, "not valid JSON");
}

} // namespace
} // namespace ssespec::protocol

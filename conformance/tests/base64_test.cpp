#include "base64.h"

#include <gtest/gtest.h>
#include <string>

namespace ssespec {
namespace {

TEST(Base64Test, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const std::string encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size() % 4, 0u);
    EXPECT_EQ(base64_decode(encoded), bytes);
    bytes.push_back(static_cast<char>((i * 37) & 0xFF));
  }
}

TEST(Base64Test, KnownValues) {
  EXPECT_EQ(base64_encode("data: a\n\n"), "ZGF0YTogYQoK");
  EXPECT_EQ(base64_encode("\xEF\xBB\xBF"), "77u/");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_decode("YWI"), "ab"); // padding may be left out
}

TEST(Base64Test, RejectsWhatIsNotBase64) {
  std::string error;
  EXPECT_FALSE(base64_decode("YW*=", &error));
  EXPECT_NE(error.find("position 2"), std::string::npos);
  EXPECT_FALSE(base64_decode("Y", &error));
  EXPECT_FALSE(base64_decode("YW=I", &error));
  EXPECT_FALSE(base64_decode("YWI ", &error));
  EXPECT_FALSE(base64_decode("YQ=", &error));
}

} // namespace
} // namespace ssespec

package com.healthmed.gateway.web;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodySizeLimitTest {

    private final JsonBodySizeLimit filter = new JsonBodySizeLimit(JsonMapper.builder().build());

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
        var request = json(new byte[(int) JsonBodySizeLimit.MAX_BODY.toBytes() + 1]);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("https://healthmed.example/problems/request-too-large");
        assertThat(chain.getRequest()).as("passed on").isNull();
    }

    @Test
    void aBodyWithoutLengthIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        var request = chunked(new byte[(int) JsonBodySizeLimit.MAX_BODY.toBytes() + 1]);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aBodyWithoutLengthUnderTheLimitReachesTheApplicationIntact() throws Exception {
        byte[] body = "{\"name\":\"Maria\"}".getBytes();
        var chain = new MockFilterChain();

        filter.doFilter(chunked(body), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(body);
    }

    @Test
    void aRequestWithoutBodyIsPassedOnAsItIs() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/me");
        var chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void multipartUploadsAreLeftToTheMultipartLimits() throws Exception {
        var request = json(new byte[(int) JsonBodySizeLimit.MAX_BODY.toBytes() * 2]);
        request.setContentType("multipart/form-data; boundary=x");
        var chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    private static MockHttpServletRequest json(byte[] body) {
        var request = new MockHttpServletRequest("POST", "/api/v1/patients");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    /** Chunked transfer: the length is unknown until the body has been read. */
    private static MockHttpServletRequest chunked(byte[] body) {
        var request = new MockHttpServletRequest("POST", "/api/v1/patients") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                var bytes = new ByteArrayInputStream(body);
                return new org.springframework.mock.web.DelegatingServletInputStream(bytes);
            }
        };
        request.setContentType("application/json");
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}

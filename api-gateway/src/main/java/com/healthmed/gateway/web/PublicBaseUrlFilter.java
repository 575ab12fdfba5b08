package com.healthmed.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Every absolute link the API builds from "the current request" (paging links, anything made with
 * {@code ServletUriComponentsBuilder}) names the configured public base URL
 * ({@code healthmed.gateway.public-base-url}), never the request's {@code Host} or forwarded host: a client must
 * not be able to make the platform hand out links to a host of its choosing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicBaseUrlFilter extends OncePerRequestFilter {

    private final String scheme;
    private final String host;
    private final int port;

    PublicBaseUrlFilter(@Value("${healthmed.gateway.public-base-url:}") String publicBaseUrl) {
        URI base;
        try {
            base = URI.create(publicBaseUrl);
        } catch (IllegalArgumentException e) {
            base = null;
        }
        if (base == null || base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
                || !(base.getRawPath() == null || base.getRawPath().isEmpty() || "/".equals(base.getRawPath()))) {
            throw new IllegalStateException("healthmed.gateway.public-base-url (env HEALTHMED_PUBLIC_BASE_URL) must be "
                    + "the API's public http(s) origin without a path, e.g. https://api.healthmed.example; it is '"
                    + publicBaseUrl + "'");
        }
        this.scheme = base.getScheme();
        this.host = base.getHost();
        this.port = base.getPort() != -1 ? base.getPort() : "https".equals(scheme) ? 443 : 80;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getScheme() {
                return scheme;
            }

            @Override
            public boolean isSecure() {
                return "https".equals(scheme);
            }

            @Override
            public String getServerName() {
                return host;
            }

            @Override
            public int getServerPort() {
                return port;
            }

            @Override
            public StringBuffer getRequestURL() {
                return new StringBuffer(scheme).append("://").append(host)
                        .append(port == ("https".equals(scheme) ? 443 : 80) ? "" : ":" + port).append(getRequestURI());
            }
        }, response);
    }
}

package com.healthmed.gateway.limits;

import com.healthmed.gateway.limits.RateLimits.Limit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.function.Function;

/**
 * The limits that need no request body: checked before the body is read or validated, so a flood of any
 * request (valid or not) counts. Per-account login and registration limits are checked where the body names the
 * account ({@code AuthController}, the registration controllers).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitInterceptors implements WebMvcConfigurer {

    private final RateLimits limits;

    RateLimitInterceptors(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // the client address is the connection's, or the one a trusted proxy forwarded (server.forward-headers-strategy)
        registry.addInterceptor(limit("POST", Limit.LOGIN_PER_ADDRESS, HttpServletRequest::getRemoteAddr))
                .addPathPatterns("/api/v1/auth/token", "/api/v1/auth/refresh");
        registry.addInterceptor(limit("POST", Limit.REGISTRATION_PER_ADDRESS, HttpServletRequest::getRemoteAddr))
                .addPathPatterns("/api/v1/patients", "/api/v1/doctors");
        registry.addInterceptor(limit("POST", Limit.BOOKING_PER_PATIENT, RateLimitInterceptors::caller))
                .addPathPatterns("/api/v1/appointments");
        registry.addInterceptor(limit("GET", Limit.RECORD_READS_PER_DOCTOR, RateLimitInterceptors::caller))
                .addPathPatterns("/api/v1/records/*/documents", "/api/v1/records/*/documents/*/content")
                .excludePathPatterns("/api/v1/records/me/**");
    }

    private HandlerInterceptor limit(String method, Limit limit, Function<HttpServletRequest, String> key) {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (method.equals(request.getMethod())) {
                    String k = key.apply(request);
                    if (k != null) {
                        limits.check(limit, k);
                    }
                }
                return true;
            }
        };
    }

    /** The token's subject; null for anonymous callers (security refuses those before any work is done). */
    private static String caller(HttpServletRequest request) {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getSubject() : null;
    }
}

# syntax=docker/dockerfile:1
# One image per service of the distributed mode; docker-compose.yml builds it once per service:
#   docker build --build-arg MODULE=api-gateway -t healthmed/api-gateway:dev .
# MODULE is command-side, query-side or api-gateway. Needs BuildKit (the default builder since Docker 23).

# Build stage: the three services in one reactor build. It takes no build argument, so the three image
# builds share this stage's layers and Maven runs once. The cache mount keeps ~/.m2 between builds.
FROM eclipse-temurin:21.0.8_9-jdk-noble AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl command-side,query-side,api-gateway -am package -Dmaven.test.skip=true \
 && for module in command-side query-side api-gateway; do \
      java -Djarmode=tools -jar "$module"/target/"$module"-*-exec.jar \
        extract --layers --launcher --destination /layers/"$module"; \
    done

# Runtime stage: a JRE, the extracted jar layers (dependencies change less often than the application,
# so pulls of a new version mostly reuse layers), a user without privileges.
FROM eclipse-temurin:21.0.8_9-jre-noble
ARG MODULE
RUN groupadd --system --gid 10001 healthmed \
 && useradd --system --uid 10001 --gid healthmed --no-create-home --shell /usr/sbin/nologin healthmed
WORKDIR /app
COPY --from=build /layers/${MODULE}/dependencies/ ./
COPY --from=build /layers/${MODULE}/spring-boot-loader/ ./
COPY --from=build /layers/${MODULE}/snapshot-dependencies/ ./
COPY --from=build /layers/${MODULE}/application/ ./
USER 10001:10001
# The heap follows the container's memory limit (75 % of it); an OutOfMemoryError ends the process so the
# restart policy (or Kubernetes) replaces it instead of leaving a half-working JVM. Override per deployment.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    AXONIQ_UPDATE_CHECKER_DISABLED=true \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081 \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true
EXPOSE 8080 8081
# readiness on the management port (not published); curl comes with the Temurin base image
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# One image per service for the distributed mode (docker-compose.yml builds it three times):
#   docker build --build-arg MODULE=api-gateway -t healthmed/api-gateway .
# Build the jars first: ./healthmed test  (or ./mvnw -B package -DskipTests with a JDK >= 21)
FROM eclipse-temurin:21-jre
ARG MODULE
COPY ${MODULE}/target/${MODULE}-*-exec.jar /app/service.jar
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
ENTRYPOINT ["java", "-jar", "/app/service.jar"]

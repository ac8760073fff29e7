package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The deployment files keep what the production path depends on; none of
// them can be run here (no container engine), so their text is checked.
func TestDeploymentFiles(t *testing.T) {
	compose := readRepoFile(t, "docker-compose.yml")
	// Published on loopback by default: a client reaching 8080 directly
	// could otherwise forge X-Forwarded-For when the proxy is trusted.
	if !strings.Contains(compose, `"${TECHMART_PUBLISH:-127.0.0.1:8080}:8080"`) || strings.Contains(compose, `- "8080:8080"`) {
		t.Error("docker-compose.yml must publish Techmart on 127.0.0.1 unless told otherwise")
	}
	docker := readRepoFile(t, "Dockerfile")
	if !strings.Contains(docker, "COPY --from=go --chown=65532:65532 /out/data /var/lib/techmart") || !strings.Contains(docker, "USER nonroot:nonroot") {
		t.Error("the data directory must belong to the user the server runs as (65532)")
	}
	ignore := readRepoFile(t, ".dockerignore")
	for _, p := range []string{".git", ".env", "data/", "frontend/node_modules/"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(p) + `$`).MatchString(ignore) {
			t.Errorf(".dockerignore lacks %s", p)
		}
	}
	// Compose reads .env literally, so the README must have the shell
	// write it (an unquoted here-document expands $(…)), never show
	// $(…) lines to paste into .env itself.
	readme := readRepoFile(t, "README.md")
	if !strings.Contains(readme, "cat > .env <<EOF\nMEILI_MASTER_KEY=$(openssl rand -hex 32)\nTECHMART_JWT_SECRET=$(openssl rand -hex 48)\n") {
		t.Error("README.md: the .env snippet must be written by the shell")
	}
	if strings.Count(readme, "=$(openssl") != 2 {
		t.Error("README.md: $(openssl …) appears outside the snippet that expands it")
	}
	if !strings.Contains(readme, "docker compose exec techmart techmart selftest") {
		t.Error("README.md: the production section must tell the operator to run selftest")
	}
}

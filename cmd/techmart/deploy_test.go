package main

import (
	"os"
	"os/exec"
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

// make run serves where the environment says (TECHMART_ADDR,
// TECHMART_DATA_DIR), ADDR= and DATA_DIR= on the command line winning, and
// the README names both. make -n prints the command without running it.
func TestMakeRunHonoursTheEnvironment(t *testing.T) {
	run := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("make", append([]string{"-n", "-s", "run"}, args...)...)
		cmd.Dir = "../.."
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); name != "ADDR" && name != "DATA_DIR" {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("make -n run: %v", err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "techmart serve") {
				return line
			}
		}
		t.Fatalf("make -n run printed no serve command:\n%s", out)
		return ""
	}
	clean := []string{"TECHMART_ADDR=", "TECHMART_DATA_DIR="}
	if got := run(clean); !strings.Contains(got, "TECHMART_DATA_DIR=./data TECHMART_ADDR=127.0.0.1:8080 ") {
		t.Errorf("defaults: %s", got)
	}
	env := append(clean, "TECHMART_ADDR=127.0.0.1:9191", "TECHMART_DATA_DIR=/tmp/techmart-elsewhere")
	if got := run(env); !strings.Contains(got, "TECHMART_DATA_DIR=/tmp/techmart-elsewhere TECHMART_ADDR=127.0.0.1:9191 ") {
		t.Errorf("the environment is ignored: %s", got)
	}
	if got := run(env, "ADDR=127.0.0.1:7070"); !strings.Contains(got, "TECHMART_ADDR=127.0.0.1:7070 ") {
		t.Errorf("ADDR= on the command line must win: %s", got)
	}
	readme := readRepoFile(t, "README.md")
	for _, s := range []string{"make run ADDR=", "DATA_DIR="} {
		if !strings.Contains(readme, s) {
			t.Errorf("README.md does not name %s", s)
		}
	}
}

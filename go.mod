module github.com/anthropic-admin-go/admin

go 1.26.0

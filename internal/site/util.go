package site

import (
	"strconv"

	"github.com/khuyenhoc/khuyenhoc/internal/viet"
)

func itoa(n int) string { return strconv.Itoa(n) }

func qual(s string) viet.Qualifier { return viet.Qualifier(s) }

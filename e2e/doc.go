// Package e2e holds the end-to-end suite that proves the simulator in a
// real browser: a page served from one loopback origin makes fetch and
// XMLHttpRequest calls to another, an "s3cors serve" endpoint or a
// versitygw bucket configured by "s3cors push", in headless Chromium
// driven through chromedp; every case asserts that Chromium did what
// simulate predicts. The package has tests only.
package e2e

# R's forecasts of M4's 359 weekly series by the benchmarks (forecast 8.2's starting values), one
# row per series and method, for compare-weekly.py. Takes about 6 minutes. From the repository root:
#   Rscript bench/m4-r/weekly-forecasts.R ../shared/datasets/m4-weekly r-weekly.csv
suppressMessages(library(forecast))
source("bench/m4-r/initparam82.R")
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]
tr <- read.csv(file.path(d, "Weekly-train.csv"), stringsAsFactors = FALSE)
te <- read.csv(file.path(d, "Weekly-test.csv"), stringsAsFactors = FALSE)
fh <- 13
theta_classic <- function(input, fh) {
  n <- length(input); xt <- 1:n
  est <- lm(input ~ poly(xt, 1, raw = TRUE))
  l0in <- as.numeric(predict(est))
  l0out <- as.numeric(predict(est, data.frame(xt = (n + 1):(n + fh))))
  tl <- 2 * input - l0in
  s <- ses(tl, h = fh)
  out <- 0.5 * s$mean + 0.5 * l0out
  out[out < 0] <- 0
  out
}
rows <- list()
t0 <- Sys.time()
for (i in 1:nrow(tr)) {
  x <- as.numeric(tr[i, -1]); x <- x[!is.na(x)]
  y <- ts(x, frequency = 1)
  f <- list(
    naive2 = naive(y, h = fh)$mean,
    ses = ses(y, h = fh)$mean,
    holt = holt(y, h = fh, damped = FALSE)$mean,
    damped = holt(y, h = fh, damped = TRUE)$mean,
    theta = theta_classic(y, fh))
  f$comb <- (f$ses + f$holt + f$damped) / 3
  for (nm in names(f)) rows[[length(rows) + 1]] <- c(tr[i, 1], nm, format(as.numeric(f[[nm]]), digits = 17))
}
print(Sys.time() - t0)
out <- do.call(rbind, rows)
write.table(out, args[2], sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)

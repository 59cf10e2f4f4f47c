# The reference vectors of M4BenchmarksTest (quarterly and yearly series): the M4 benchmarks as
# "Benchmarks and Evaluation.R" (Mcompetitions/M4-methods) computes them, with forecast 8.2's
# starting values patched in (initparam82.R). Run from the repository root:
#   Rscript bench/m4-r/benchmark-vectors.R
# Checked with R 4 and forecast 8.20 (2026-11-30).
suppressMessages(library(forecast))
source("bench/m4-r/initparam82.R")
SeasonalityTest <- function(input, ppy){
  tcrit <- 1.645
  if (length(input)<3*ppy){ test_seasonal <- FALSE } else {
    xacf <- acf(input, plot = FALSE)$acf[-1, 1, 1]
    clim <- tcrit/sqrt(length(input)) * sqrt(cumsum(c(1, 2 * xacf^2)))
    test_seasonal <- ( abs(xacf[ppy]) > clim[ppy] )
    if (is.na(test_seasonal)==TRUE){ test_seasonal <- FALSE } }
  test_seasonal }
theta_classic <- function(input, fh) {
  n <- length(input); xt <- 1:n
  est <- lm(input ~ poly(xt, 1, raw = TRUE))
  l0in <- as.numeric(predict(est)); l0out <- as.numeric(predict(est, data.frame(xt = (n + 1):(n + fh))))
  s <- ses(2 * input - l0in, h = fh); out <- 0.5 * s$mean + 0.5 * l0out; out[out < 0] <- 0; out }
bench <- function(input, fh) {
  ppy <- frequency(input); ST <- F
  if (ppy>1){ ST <- SeasonalityTest(input,ppy) }
  if (ST==T){ Dec <- decompose(input,type="multiplicative"); des <- input/Dec$seasonal
    SIout <- head(rep(Dec$seasonal[(length(Dec$seasonal)-ppy+1):length(Dec$seasonal)], fh), fh)
    cat("indices", format(Dec$figure, digits=15), "\n")
  } else { des <- input ; SIout <- rep(1, fh) }
  cat("seasonal", ST, "\n")
  f <- list(naive2 = naive(des, h=fh)$mean*SIout, ses = ses(des, h=fh)$mean*SIout,
    holt = holt(des, h=fh, damped=F)$mean*SIout, damped = holt(des, h=fh, damped=T)$mean*SIout,
    theta = theta_classic(des, fh)*SIout)
  f$comb <- (f$ses + f$holt + f$damped)/3
  for (nm in names(f)) cat(nm, paste(format(as.numeric(f[[nm]]), digits=15), collapse=", "), "\n")
}
t <- 0:27; s <- c(0.9, 1.1, 1.2, 0.8)
q <- round((100 + 2*t + 5*sin(t)) * s[t %% 4 + 1], 2)
cat("quarterly", paste(q, collapse=", "), "\n"); bench(ts(q, frequency=4), 8)
t <- 0:19
y <- round(50 + 1.5*t + 4*cos(1.7*t), 2)
cat("yearly", paste(y, collapse=", "), "\n"); bench(ts(y, frequency=1), 6)

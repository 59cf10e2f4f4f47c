# Exports the time series of R's datasets package (R Core Team, "datasets", shipped with R) and of
# the forecast package (Hyndman et al.; gas, wineind, woolyrnq, taylor) as one CSV per frequency,
# for bench/OtherFrequencies.java: one row per series, "id,value1,value2,...". Nothing of this is
# committed: run it to write the files into the folder given (default /tmp/rnnkit-rdatasets).
#
#   Rscript bench/catalogue-r/export-datasets.R /tmp/rnnkit-rdatasets
#
# Which series and why: every univariate ts without missing values in datasets whose frequency is
# 1, 4 or 12 (presidents has NAs and is left out; treering, 7980 annual tree-ring widths, is left
# out as a near-white-noise outlier in length), the columns of Seatbelts and EuStockMarkets, and
# forecast's gas, wineind, woolyrnq; taylor (half-hourly electricity demand, 12 weeks) is cut into
# six fortnights, one series each.
library(forecast)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "/tmp/rnnkit-rdatasets"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
write_rows <- function(file, series) {
  lines <- vapply(names(series), function(id) {
    paste(c(id, format(as.numeric(series[[id]]), digits = 15, trim = TRUE)), collapse = ",")
  }, "")
  writeLines(lines, file.path(out, file))
  cat(file, length(series), "series\n")
}
yearly <- list(airmiles = airmiles, BJsales = BJsales, discoveries = discoveries,
               LakeHuron = LakeHuron, lh = lh, lynx = lynx, nhtemp = nhtemp, Nile = Nile,
               sunspot.year = sunspot.year, uspop = uspop, WWWusage = WWWusage)
quarterly <- list(JohnsonJohnson = JohnsonJohnson, UKgas = UKgas, austres = austres,
                  woolyrnq = woolyrnq)
monthly <- list(AirPassengers = AirPassengers, UKDriverDeaths = UKDriverDeaths,
                USAccDeaths = USAccDeaths, co2 = co2, nottem = nottem, ldeaths = ldeaths,
                mdeaths = mdeaths, fdeaths = fdeaths, sunspot.month = sunspot.month,
                gas = gas, wineind = wineind)
for (col in c("front", "rear", "kms", "PetrolPrice", "VanKilled")) {
  monthly[[paste0("Seatbelts.", col)]] <- Seatbelts[, col]
}
daily <- list()
for (col in colnames(EuStockMarkets)) daily[[paste0("EuStockMarkets.", col)]] <- EuStockMarkets[, col]
halfhourly <- list()
for (k in 0:5) halfhourly[[paste0("taylor.fortnight", k + 1)]] <- taylor[(k * 672 + 1):((k + 1) * 672)]
stopifnot(!anyNA(unlist(c(yearly, quarterly, monthly, daily, halfhourly))))
write_rows("yearly.csv", yearly)
write_rows("quarterly.csv", quarterly)
write_rows("monthly.csv", monthly)
write_rows("daily.csv", daily)
write_rows("halfhourly.csv", halfhourly)

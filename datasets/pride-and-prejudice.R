# Regenerates pride-and-prejudice.txt (Debian 12: apt-get install r-cran-janeaustenr); run from datasets/
writeLines(janeaustenr::prideprejudice, "pride-and-prejudice.txt")

package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LocalSparkTest {

  @Test
  void runsAJobInLocalMode() {
    SparkSession spark = LocalSpark.start(2);
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      long sum =
          context.parallelize(List.of(1, 2, 3, 4), 2).map(x -> (long) x * x).reduce(Long::sum);
      assertEquals(30L, sum);
    } finally {
      spark.stop();
    }
  }

  @Test
  void refusesZeroCores() {
    assertThrows(IllegalArgumentException.class, () -> LocalSpark.start(0));
  }
}
